using System.Security.Cryptography.X509Certificates;
using System.Text;
using Loopwire.Http;
using Loopwire.Net;
using Loopwire.Tests.Support;
using static Loopwire.Tests.HttpClientTests;

namespace Loopwire.Tests;

/// <summary>
/// HTTPS: an <see cref="HttpServer"/> made with <see cref="HttpServerOptions.Tls"/> and <see cref="ClientRequest"/>s
/// with <c>https:</c>, on loopback with the tests' self-signed certificate. HTTP itself is the same code as over TCP,
/// which HttpServerTests and HttpClientTests pin; these pin what TLS changes: the sockets, the certificate checks, the
/// agent's pools, the errors, and the options that cannot work.
/// </summary>
public sealed class HttpsTests
{
    private static X509Certificate2 Certificate => TestCertificates.Server;

    private static HttpServerOptions Secure => new() { Tls = new TlsServerOptions { Certificate = Certificate } };

    private static TlsClientOptions Trusting { get; } = new() { TrustedCertificates = [Certificate] };

    private static HttpServer StartEcho(EventLoop loop) => new HttpServer(loop, (request, response) =>
    {
        var body = new StringBuilder();
        request.On.Data(chunk => body.Append(Encoding.UTF8.GetString(chunk.Span)))
               .On.Ended(() => response.End($"{request.Method} {request.Url} {body} secure={request.Socket is TlsSocket { IsSecure: true }}"));
    }, Secure).Listen(0);

    private static ClientRequestOptions To(HttpServer server, string path = "/") =>
        ClientRequestOptions.FromUrl($"https://127.0.0.1:{server.LocalEndPoint!.Port}{path}") with { Tls = Trusting };

    [Fact]
    public void A_request_and_its_body_go_both_ways_over_TLS_and_the_socket_is_kept_for_the_next()
    {
        // Node https: one keep-alive agent serves both requests on one TLS connection.
        var seen = new List<string>();
        LoopPrograms.Run(async loop =>
        {
            HttpServer server = StartEcho(loop);
            var agent = new HttpAgent(loop, new HttpAgentOptions { KeepAlive = true });
            var connections = new List<string>();
            server.On.Connection(socket => connections.Add(socket.GetType().Name));

            var post = new ClientRequest(loop, To(server, "/items") with { Method = "POST", Agent = agent });
            post.Write("a");
            post.End("b");
            IncomingMessage first = await post.Next.Response();
            seen.Add($"{first.StatusCode} {await ReadText(first)} reused={post.ReusedSocket}");
            var socket = Assert.IsType<TlsSocket>(post.Socket);
            seen.Add($"client secure={socket.IsSecure} authorized={socket.IsAuthorized}");

            var get = new ClientRequest(loop, To(server, "/again") with { Agent = agent });
            get.End();
            IncomingMessage second = await get.Next.Response();
            seen.Add($"{second.StatusCode} {await ReadText(second)} reused={get.ReusedSocket}");
            seen.Add($"connections={string.Join(",", connections)}");

            agent.Destroy();
            server.Close();
        });

        Assert.Equal(
            [
                "200 POST /items ab secure=True reused=False",
                "client secure=True authorized=True",
                "200 GET /again  secure=True reused=True",
                "connections=TcpSocket",
            ],
            seen);
    }

    [Fact]
    public void An_https_url_defaults_to_port_443_which_the_Host_header_leaves_out()
    {
        // Node https.request: defaultPort 443, left out of Host as 80 is for http.
        ClientRequestOptions options = ClientRequestOptions.FromUrl("https://example.com/a?b=1");
        (string? host, string? hostWithPort) = LoopPrograms.OnLoop(loop =>
        {
            // Destroyed before they connect: only the headers their constructors set are looked at.
            var defaulted = new ClientRequest(loop, options with { Host = "127.0.0.1" });
            var explicitPort = new ClientRequest(loop, options with { Host = "127.0.0.1", Port = 1 });
            var result = (defaulted.GetHeader("host"), explicitPort.GetHeader("host"));
            foreach (ClientRequest request in new[] { defaulted, explicitPort })
            {
                request.On.Error(_ => { }); // Node's "socket hang up", as for any request destroyed before its response
                request.Destroy();
            }

            return Task.FromResult(result);
        });

        Assert.Equal(("https:", 443, "/a?b=1"), (options.Protocol, options.Port, options.Path));
        Assert.Equal(443, new ClientRequestOptions { Protocol = "https:" }.Port);
        Assert.Equal(80, new ClientRequestOptions().Port);
        Assert.Equal(8443, ClientRequestOptions.FromUrl("https://example.com:8443/").Port);
        Assert.Equal(("127.0.0.1", "127.0.0.1:1"), (host, hostWithPort));
    }

    [Fact]
    public void A_server_whose_certificate_is_not_trusted_fails_the_request_with_the_reason()
    {
        // Node https.request: a self-signed certificate is refused by default (DEPTH_ZERO_SELF_SIGNED_CERT), and the
        // request's 'error' says so; with rejectUnauthorized false the request goes through, unauthorized.
        Exception? refused = null;
        string? lax = null;
        LoopPrograms.Run(async loop =>
        {
            HttpServer server = StartEcho(loop);
            var strict = new ClientRequest(loop, To(server) with { Tls = null });
            strict.End();
            refused = await strict.Next.Error();

            var trusting = new ClientRequest(loop, To(server) with { Tls = new TlsClientOptions { RejectUnauthorized = false } });
            trusting.End();
            IncomingMessage response = await trusting.Next.Response();
            lax = $"{await ReadText(response)} authorized={((TlsSocket)trusting.Socket!).IsAuthorized}";
            server.Close();
            HttpAgent.Global(loop).Destroy();
        });

        Assert.Contains("certificate rejected", refused!.Message, StringComparison.Ordinal);
        Assert.Equal("GET /  secure=True authorized=False", lax);
    }

    [Fact]
    public void Requests_share_kept_sockets_only_with_the_same_TLS_settings()
    {
        // Node https.Agent getName: the TLS options are part of the pool's name, so a socket checked one way is
        // never handed to a request that asked for another.
        var other = new TlsClientOptions { TrustedCertificates = [Certificate] };
        ClientRequestOptions plain = ClientRequestOptions.FromUrl("http://h:8080/");
        ClientRequestOptions secure = ClientRequestOptions.FromUrl("https://h:8080/");

        string[] names =
        [
            HttpAgent.GetName(plain),
            HttpAgent.GetName(secure),
            HttpAgent.GetName(secure with { Tls = Trusting }),
            HttpAgent.GetName(secure with { Tls = Trusting, Path = "/other" }),
            HttpAgent.GetName(secure with { Tls = other }),
        ];

        Assert.Equal("h:8080:", names[0]);
        Assert.Equal("h:8080::https", names[1]);
        Assert.StartsWith("h:8080::https:", names[2], StringComparison.Ordinal);
        Assert.Equal(names[2], names[3]);
        Assert.Equal(5 - 1, names.Distinct().Count());
    }

    [Fact]
    public void A_client_that_fails_its_handshake_is_tlsClientError_and_the_server_goes_on()
    {
        // Node https.Server: bytes that are not TLS fail that connection's handshake ('tlsClientError'); the next
        // client is served.
        var seen = new List<string>();
        LoopPrograms.Run(async loop =>
        {
            HttpServer server = StartEcho(loop);
            var failed = new TaskCompletionSource();
            server.On.TlsClientError((error, socket) =>
            {
                seen.Add($"tlsClientError secure={socket.IsSecure}");
                failed.TrySetResult();
            });

            TcpSocket garbage = TcpSocket.Connect(loop, server.LocalEndPoint!.Port);
            garbage.On.Data(_ => { }).On.Error(_ => { }); // the server may reset it
            garbage.Write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"); // plain HTTP to an HTTPS port
            await failed.Task;

            var request = new ClientRequest(loop, To(server));
            request.End();
            seen.Add(await ReadText(await request.Next.Response()));
            garbage.Destroy();
            server.Close();
            HttpAgent.Global(loop).Destroy();
        });

        Assert.Equal(["tlsClientError secure=False", "GET /  secure=True"], seen);
    }

    [Fact]
    public void An_upgrade_hands_over_the_TLS_socket()
    {
        // Node https: 'upgrade' on either side gets the TLSSocket, which goes on encrypted.
        string? echoed = null;
        LoopPrograms.Run(async loop =>
        {
            var server = new HttpServer(loop, options: Secure).Listen(0);
            server.On.Upgrade((request, socket, head) =>
            {
                socket.Write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n");
                socket.AddDataListener(chunk => socket.Write(chunk));
                socket.AddEndListener(socket.End);
            });

            var request = new ClientRequest(loop, To(server) with { Headers = [new("Connection", "Upgrade"), new("Upgrade", "echo")] });
            request.End();
            (_, INetSocket upgraded, _) = await request.Next.Upgrade();
            var tls = Assert.IsType<TlsSocket>(upgraded);
            var received = new StringBuilder();
            tls.On.Data(chunk => received.Append(Encoding.UTF8.GetString(chunk.Span)));
            tls.Write("ping");
            tls.End();
            await tls.Next.Closed();
            echoed = received.ToString();
            server.Close();
            HttpAgent.Global(loop).Destroy();
        });

        Assert.Equal("ping", echoed);
    }

    [Fact]
    public void Options_that_cannot_work_over_TLS_are_refused_with_what_to_do()
    {
        var (onHttp, onUnixSocket, serverOnPath) = LoopPrograms.OnLoop(loop =>
        {
            Exception tlsOnHttp = Record.Exception(() => new ClientRequest(loop, ClientRequestOptions.FromUrl("http://127.0.0.1:1/") with { Tls = Trusting }))!;
            Exception unix = Record.Exception(() => new ClientRequest(loop, ClientRequestOptions.FromUrl("https://localhost/") with { SocketPath = "/tmp/x.sock" }))!;
            var server = new HttpServer(loop, options: Secure);
            Exception path = Record.Exception(() => server.Listen("/tmp/x.sock"))!;
            server.Close();
            return Task.FromResult((tlsOnHttp, unix, path));
        });

        Assert.IsType<ArgumentException>(onHttp);
        Assert.StartsWith("Tls is set on an http: request, which would be sent unencrypted", onHttp.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(onUnixSocket);
        Assert.StartsWith("An https: request cannot use the Unix socket \"/tmp/x.sock\"", onUnixSocket.Message, StringComparison.Ordinal);
        Assert.IsType<NotSupportedException>(serverOnPath);
        Assert.StartsWith("An HTTPS server listens on TCP only", serverOnPath.Message, StringComparison.Ordinal);
    }
}
