using Loopwire.Benchmarks.Compare;
using Loopwire.Http;

namespace Loopwire.Benchmarks.Net;

/// <summary>
/// 10k fetches, one after another, each awaited and its text read, from <see cref="HttpFetch.FetchAsync"/> to an HTTP
/// server on the same loop over loopback, on a kept-alive agent; the Node twin awaits its global fetch
/// (undici) the same way. It measures fetch's own layer (the options, the default headers, the response's headers and
/// text, the awaits) on top of what http-roundtrip measures.
/// </summary>
public sealed class FetchRoundTripScenario : CompareScenario
{
    private const int Requests = 10_000;

    // One loop for every run, as Node has.
    private readonly EventLoop _loop = new();

    public override string Name => "fetch-roundtrip";

    public override string NodeScript => "fetch-roundtrip.js";

    public override long Operations => Requests;

    public override void Run()
    {
        var server = new HttpServer(_loop, static (_, response) => response.End("Hello, World!")).Listen(0);
        string url = $"http://127.0.0.1:{server.LocalEndPoint!.Port}/";
        var options = new FetchOptions { Agent = new HttpAgent(_loop, new HttpAgentOptions { KeepAlive = true }) };
        async Task FetchAll()
        {
            for (int i = 0; i < Requests; i++)
            {
                FetchResponse response = await _loop.FetchAsync(url, options);
                await response.TextAsync();
            }

            options.Agent.Destroy();
            server.Close();
        }

        _loop.SetImmediate(() => _ = FetchAll()); // started on the loop, so that its awaits resume there
        _loop.Run();
    }
}
