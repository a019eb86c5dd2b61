using Loopwire.Benchmarks.Compare;
using Loopwire.Http;

namespace Loopwire.Benchmarks.Net;

/// <summary>
/// 10k GET requests, one after another, from the HTTP client to an HTTP server on the same loop over loopback, on one
/// kept-alive socket (an agent with keep-alive and one socket, as the Node twin's): each is a request framed and
/// parsed, a response framed and parsed and read to its end, so it measures Loopwire.Http's client and server together.
/// </summary>
public sealed class HttpRoundTripScenario : CompareScenario
{
    private const int Requests = 10_000;

    // One loop for every run, as Node has.
    private readonly EventLoop _loop = new();

    public override string Name => "http-roundtrip";

    public override string NodeScript => "http-roundtrip.js";

    public override long Operations => Requests;

    public override void Run()
    {
        var server = new HttpServer(_loop, static (_, response) => response.End("Hello, World!")).Listen(0);
        var agent = new HttpAgent(_loop, new HttpAgentOptions { KeepAlive = true, MaxSockets = 1 });
        ClientRequestOptions options = ClientRequestOptions.FromUrl($"http://127.0.0.1:{server.LocalEndPoint!.Port}/") with { Agent = agent };
        int done = 0;
        void Next()
        {
            new ClientRequest(_loop, options, response => response.On.Ended(() =>
            {
                if (++done == Requests)
                {
                    agent.Destroy();
                    server.Close();
                }
                else
                {
                    Next();
                }
            }).Resume()).End();
        }

        Next();
        _loop.Run();
    }
}
