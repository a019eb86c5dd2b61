using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Loopwire.Http;
using Loopwire.Net;
using Loopwire.Processes;
using Loopwire.Tests.Support;
using static Loopwire.Tests.HttpClientTests;

namespace Loopwire.Tests;

/// <summary>Loopwire's HTTPS server and client against Node's (tests/Runtime.Tests/Http/https-peer.js), with the same certificate.</summary>
public sealed class HttpsNodeTests
{
    [NodeFact]
    public void Node_and_Loopwire_speak_HTTPS_to_each_other_on_kept_sockets()
    {
        // Node https: each side's keep-alive client against the other's server; the second request reuses the socket.
        X509Certificate2 certificate = TestCertificates.Server;
        string directory = Directory.CreateTempSubdirectory("loopwire-https-").FullName;
        var ours = new List<string>();
        var theirs = new StringBuilder();
        try
        {
            string certificatePath = Path.Combine(directory, "cert.pem");
            string keyPath = Path.Combine(directory, "key.pem");
            File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
            using (RSA key = certificate.GetRSAPrivateKey()!)
            {
                File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
            }

            LoopPrograms.Run(async loop =>
            {
                var server = new HttpServer(loop, (request, response) =>
                {
                    var body = new StringBuilder();
                    request.On.Data(chunk => body.Append(Encoding.UTF8.GetString(chunk.Span)))
                           .On.Ended(() => response.End($"loopwire {request.Method} {request.Url} {body}"));
                }, new HttpServerOptions { Tls = new TlsServerOptions { Certificate = certificate } }).Listen(0);

                string script = Path.Combine(Programs.RepositoryRoot, "tests", "Runtime.Tests", "Http", "https-peer.js");
                ChildProcess node = ChildProcess.Spawn(loop, Programs.Node!, [script, keyPath, certificatePath]);
                var portLine = new TaskCompletionSource<int>();
                node.Stdout!.On.Data(chunk =>
                {
                    theirs.Append(Encoding.UTF8.GetString(chunk.Span));
                    int end = theirs.ToString().IndexOf('\n', StringComparison.Ordinal);
                    if (end > 0)
                    {
                        portLine.TrySetResult(int.Parse(theirs.ToString(0, end), System.Globalization.CultureInfo.InvariantCulture));
                    }
                });
                var exited = new TaskCompletionSource<int?>();
                node.On.Closed((code, _) => exited.TrySetResult(code));

                int nodePort = await portLine.Task;
                var agent = new HttpAgent(loop, new HttpAgentOptions { KeepAlive = true });
                var options = ClientRequestOptions.FromUrl($"https://127.0.0.1:{nodePort}/items") with
                {
                    Agent = agent,
                    Tls = new TlsClientOptions { TrustedCertificates = [certificate] },
                };
                var post = new ClientRequest(loop, options with { Method = "POST" });
                post.End("ab");
                IncomingMessage first = await post.Next.Response();
                ours.Add($"{first.StatusCode} {await ReadText(first)} reused={post.ReusedSocket}");
                var get = new ClientRequest(loop, options with { Path = "/again" });
                get.End();
                IncomingMessage second = await get.Next.Response();
                ours.Add($"{second.StatusCode} {await ReadText(second)} reused={get.ReusedSocket}");
                agent.Destroy();

                node.Stdin!.Write(Encoding.UTF8.GetBytes($"{server.LocalEndPoint!.Port}\n"));
                Assert.Equal(0, await exited.Task);
                server.Close();
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        Assert.Equal(["200 node POST /items ab reused=False", "200 node GET /again  reused=True"], ours);
        Assert.Equal(
            ["200 loopwire POST /items ab reused=false", "200 loopwire GET /again  reused=true"],
            Programs.Lines(theirs.ToString()).Skip(1));
    }
}
