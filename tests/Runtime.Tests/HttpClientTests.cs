using System.Text;
using System.Text.RegularExpressions;
using Loopwire.Http;
using Loopwire.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// ClientRequest and HttpAgent: the bytes a request sends, byte for byte as Node's http client sends them (the
/// expected bytes are Node 20's for the same calls; HttpClientNodeTests checks them against a live Node), and how
/// responses are read, sockets kept and reused, and failures reported.
/// </summary>
public sealed partial class HttpClientTests
{
    /// <summary>The requests of the cases below, by name; tests/Runtime.Tests/Http/client-cases.js has Node's twins.</summary>
    internal static void MakeRequest(EventLoop loop, string name, int port)
    {
        string url = $"http://127.0.0.1:{port}";
        ClientRequestOptions Root() => ClientRequestOptions.FromUrl(url + "/");
        switch (name)
        {
            case "get":
                ClientRequest.Get(loop, url + "/path?q=1");
                break;
            case "post-end":
                new ClientRequest(loop, Root() with { Method = "POST" }).End("hello");
                break;
            case "post-writes":
                var writes = new ClientRequest(loop, Root() with { Method = "POST" });
                writes.Write("a");
                writes.Write("b");
                writes.End();
                break;
            case "post-empty":
                new ClientRequest(loop, Root() with { Method = "POST" }).End();
                break;
            case "header-option":
                new ClientRequest(loop, Root() with { Headers = [new("X-A", "b")] }).End();
                break;
            case "own-agent":
                new ClientRequest(loop, Root() with { Agent = new HttpAgent(loop) }).End();
                break;
            case "host-header":
                new ClientRequest(loop, Root() with { Headers = [new("host", "example.com")] }).End();
                break;
            case "put-length":
                var put = new ClientRequest(loop, Root() with { Method = "PUT", Headers = [new("Content-Length", "3")] });
                put.Write("abc");
                put.End();
                break;
            case "delete-body":
                new ClientRequest(loop, Root() with { Method = "DELETE" }).End("x");
                break;
            case "get-body":
                var get = new ClientRequest(loop, Root());
                get.Write("x");
                get.End();
                break;
            case "auth":
                new ClientRequest(loop, ClientRequestOptions.FromUrl(url + "/a") with { Auth = "u:p" }).End();
                break;
            case "agent-no-keepalive":
                new ClientRequest(loop, Root() with { Agent = new HttpAgent(loop, new HttpAgentOptions { KeepAlive = false }) }).End();
                break;
            case "agent-max-sockets":
                new ClientRequest(loop, Root() with { Agent = new HttpAgent(loop, new HttpAgentOptions { MaxSockets = 2 }) }).End();
                break;
            case "connection-close":
                new ClientRequest(loop, Root() with { Headers = [new("Connection", "close")] }).End();
                break;
            case "head":
                new ClientRequest(loop, Root() with { Method = "HEAD" }).End();
                break;
            case "te-chunked":
                new ClientRequest(loop, Root() with { Method = "POST", Headers = [new("Transfer-Encoding", "chunked")] }).End("abc");
                break;
            case "set-cookie-after":
                new ClientRequest(loop, Root() with { Method = "PATCH" }).SetHeader("Set-Cookie", ["a=1", "b=2"]).End("");
                break;
            case "no-host":
                new ClientRequest(loop, Root() with { SetHost = false }).End();
                break;
            case "options":
                new ClientRequest(loop, Root() with { Method = "OPTIONS" }).End();
                break;
            case "flush-headers":
                var flushed = new ClientRequest(loop, Root() with { Method = "POST" });
                flushed.FlushHeaders();
                flushed.End("ab");
                break;
            case "expect":
                new ClientRequest(loop, Root() with { Method = "POST", Headers = [new("Expect", "100-continue")] }).End("x");
                break;
            case "lowercase-method":
                new ClientRequest(loop, Root() with { Method = "post" }).End("a");
                break;
            default:
                throw new ArgumentException($"No case {name}.", nameof(name));
        }
    }

    /// <summary>Each case's name and all Node 20's client sent for it to a server that answered with <c>Connection: close</c>, the port masked.</summary>
    public static TheoryData<string, string> NodeRequests => new()
    {
        { "get", "GET /path?q=1 HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\n\r\n" },
        { "post-end", "POST / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nhello" },
        { "post-writes", "POST / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n1\r\nb\r\n0\r\n\r\n" },
        { "post-empty", "POST / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n" },
        { "header-option", "GET / HTTP/1.1\r\nX-A: b\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\n\r\n" },
        { "own-agent", "GET / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: close\r\n\r\n" },
        { "host-header", "GET / HTTP/1.1\r\nhost: example.com\r\nConnection: keep-alive\r\n\r\n" },
        { "put-length", "PUT / HTTP/1.1\r\nContent-Length: 3\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\n\r\nabc" },
        { "delete-body", "DELETE / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\n\r\nx" },
        { "get-body", "GET / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\n\r\nx" },
        { "auth", "GET /a HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nAuthorization: Basic dTpw\r\nConnection: keep-alive\r\n\r\n" },
        { "agent-no-keepalive", "GET / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: close\r\n\r\n" },
        { "agent-max-sockets", "GET / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\n\r\n" },
        { "connection-close", "GET / HTTP/1.1\r\nConnection: close\r\nHost: 127.0.0.1:PORT\r\n\r\n" },
        { "head", "HEAD / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\n\r\n" },
        { "te-chunked", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\n\r\n3\r\nabc\r\n0\r\n\r\n" },
        { "set-cookie-after", "PATCH / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n" },
        { "no-host", "GET / HTTP/1.1\r\nConnection: keep-alive\r\n\r\n" },
        { "options", "OPTIONS / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\n\r\n" },
        { "flush-headers", "POST / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n" },
        { "expect", "POST / HTTP/1.1\r\nExpect: 100-continue\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n" },
        { "lowercase-method", "POST / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\na" },
    };

    [Theory]
    [MemberData(nameof(NodeRequests))]
    public void Each_request_is_framed_byte_for_byte_as_Node_frames_it(string name, string expected)
    {
        // Node http client: _storeHeader's order (the given headers, Host, Authorization, then headers set later,
        // Connection as the agent asks, then Content-Length when end() has the whole body, chunked otherwise, and no
        // framing for GET/HEAD/DELETE/OPTIONS/TRACE/CONNECT); an Expect header sends the head at once.
        string sent = "";
        LoopPrograms.Run(async loop =>
        {
            var server = new ScriptedHttpServer(loop, (socket, _) => socket.Write(ScriptedHttpServer.Close200));
            MakeRequest(loop, name, server.Port);
            sent = (await server.Received(0)).Replace(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "PORT", StringComparison.Ordinal);
            server.Close();
        });

        Assert.Equal(expected, sent);
    }

    /// <summary>
    /// Makes a GET to a server that answers as <paramref name="name"/> says (tests/Runtime.Tests/Http/client-events.js
    /// has Node's twins) and records the events of the request and its response until the loop ends.
    /// </summary>
    internal static List<string> RecordEvents(string name)
    {
        var events = new List<string>();
        LoopPrograms.Run(loop =>
        {
            Action<TcpSocket>? answer = name switch
            {
                "ok" => socket => socket.Write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"),
                "keep-alive" => socket => socket.Write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"),
                "refused" => null,
                "hangup-end" => socket => socket.End(),
                "hangup-destroy" => socket => socket.Destroy(),
                "cut-mid-body" => socket =>
                {
                    socket.Write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
                    loop.SetImmediate(() => socket.Destroy());
                },
                "bad-status" => socket => socket.Write("HTTP/1.1 2x0 OK\r\n\r\n"),
                "interim" => socket => socket.Write(
                    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"),
                "upgrade-no-listener" => socket => socket.Write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n"),
                "destroy-mid-body" => socket => socket.Write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"),
                _ => _ => { }, // never answers
            };
            ScriptedHttpServer? server = answer is null ? null : new ScriptedHttpServer(loop, (socket, _) => answer(socket));
            var agent = new HttpAgent(loop, new HttpAgentOptions { KeepAlive = true });
            var options = new ClientRequestOptions { Host = "127.0.0.1", Port = server?.Port ?? UnusedPort(loop), Agent = agent };
            options = name switch
            {
                "upgrade-no-listener" => options with { Headers = [new("Connection", "Upgrade"), new("Upgrade", "echo")] },
                "timeout-destroy" => options with { Timeout = 50 },
                _ => options,
            };
            var request = new ClientRequest(loop, options);
            request.On.Continue(() => events.Add("continue"))
                   .On.Information(info => events.Add($"information {info.StatusCode}"))
                   .On.Response(response =>
                   {
                       events.Add($"response {response.StatusCode}");
                       response.On.Data(chunk =>
                       {
                           events.Add("data " + Encoding.Latin1.GetString(chunk.Span));
                           if (name == "destroy-mid-body")
                           {
                               request.Destroy();
                           }
                       });
                       response.On.Ended(() => events.Add("end"))
                               .On.Error(error => events.Add("response error " + error.Message))
                               .On.Closed(() => events.Add($"response close complete={(response.IsComplete ? "true" : "false")}"));
                   })
                   .On.TimedOut(() =>
                   {
                       events.Add("timeout");
                       request.Destroy();
                   })
                   .On.Error(error => events.Add($"error {ErrorCode(error)} {PortDigits().Replace(error.Message, "PORT")}"))
                   .On.Closed(() =>
                   {
                       events.Add("close");
                       server?.Close();
                       agent.Destroy();
                   });
            request.End();
            if (name == "destroy-at-once")
            {
                request.Destroy();
            }
            else if (name == "destroy-with-error")
            {
                request.Destroy(new InvalidOperationException("boom"));
            }

            return Task.CompletedTask;
        });

        return events;
    }

    /// <summary>Each scenario's name and the events Node 20's client emits for it, in order.</summary>
    public static TheoryData<string, string[]> NodeEvents => new()
    {
        { "ok", ["response 200", "data hi", "end", "response close complete=true", "close"] },
        { "keep-alive", ["response 200", "data hi", "end", "close", "response close complete=true"] },
        { "refused", ["error ECONNREFUSED connect ECONNREFUSED 127.0.0.1:PORT", "close"] },
        { "hangup-end", ["error ECONNRESET socket hang up", "close"] },
        { "hangup-destroy", ["error ECONNRESET socket hang up", "close"] },
        { "cut-mid-body", ["response 200", "data abc", "close", "response error aborted", "response close complete=false"] },
        { "bad-status", ["error HPE_INVALID_STATUS Parse Error: Invalid status code", "close"] },
        { "interim", ["continue", "information 100", "information 103", "response 200", "data ok", "end", "response close complete=true", "close"] },
        { "upgrade-no-listener", ["close"] },
        { "timeout-destroy", ["timeout", "error ECONNRESET socket hang up", "close"] },
        { "destroy-at-once", ["error ECONNRESET socket hang up", "close"] },
        { "destroy-with-error", ["error undefined boom", "close"] },
        { "destroy-mid-body", ["response 200", "data abc", "close", "response error aborted", "response close complete=false"] },
    };

    [Theory]
    [MemberData(nameof(NodeEvents))]
    public void Each_outcome_emits_the_events_Node_emits_in_Node_s_order(string name, string[] expected)
    {
        // Node http client: a refused connect, a server that hangs up, a malformed answer, a body cut short, 1xx
        // responses, an upgrade nobody takes, a timeout and destroy() each end in Node's events, in Node's order: the
        // request's 'error' at most once, its 'close' last or before a cut-off response's 'aborted'.
        Assert.Equal(expected, RecordEvents(name));
    }

    [Fact]
    public void Answers_of_random_bytes_each_end_their_request_in_an_error_or_a_response_then_close()
    {
        // A hostile server: whatever it sends, each request ends in 'close', after an 'error' or a 'response', and
        // nothing escapes to the loop; a good request made on the same agent afterwards is answered.
        var random = new Random(20261123);
        var outcomes = new List<string>();
        string last = "";
        LoopPrograms.Run(async loop =>
        {
            var garbage = new ScriptedHttpServer(loop, (socket, _) =>
            {
                byte[] noise = new byte[random.Next(1, 400)];
                random.NextBytes(noise);
                socket.Write(random.Next(3) switch
                {
                    0 => "",                                                              // noise alone
                    1 => "HTTP/1.1 200 OK\r\n",                                           // a good status line, then noise
                    _ => $"HTTP/1.1 200 OK\r\nContent-Length: {random.Next(0, 500)}\r\n\r\n", // a good head, then a body too short or too long
                });
                socket.Write(noise);
                socket.End();
            });
            var agent = new HttpAgent(loop, new HttpAgentOptions { KeepAlive = true });
            for (int i = 0; i < 50; i++)
            {
                var request = new ClientRequest(loop, ClientRequestOptions.FromUrl($"http://127.0.0.1:{garbage.Port}/") with { Agent = agent });
                string outcome = "";
                request.On.Error(_ => outcome += "error ")
                       .On.Response(response => response.On.Error(_ => { }).Resume())
                       .On.Response(_ => outcome += "response ");
                Task closed = WhenClosed(request);
                request.End();
                await closed;
                outcomes.Add(outcome);
            }

            var server = new HttpServer(loop, (_, response) => response.End("fine")).Listen(0);
            var good = new ClientRequest(loop, ClientRequestOptions.FromUrl($"http://127.0.0.1:{server.LocalEndPoint!.Port}/") with { Agent = agent });
            good.End();
            last = await ReadText(await good.Next.Response());
            agent.Destroy();
            garbage.Close();
            server.Close();
        });

        Assert.All(outcomes, outcome => Assert.True(outcome is "error " or "response " or "response error ", $"an outcome was '{outcome}'"));
        Assert.Contains("error ", outcomes);
        Assert.Contains(outcomes, outcome => outcome.StartsWith("response", StringComparison.Ordinal));
        Assert.Equal("fine", last);
    }

    [Fact]
    public void A_response_brings_its_status_headers_and_body_and_the_request_closes_after_it()
    {
        // Node http client: 'socket', 'finish', 'response', the body, then 'close' once the response was read.
        var events = new List<string>();
        string body = "";
        LoopPrograms.Run(async loop =>
        {
            var server = new HttpServer(loop, (request, response) =>
            {
                response.SetHeader("X-Method", request.Method);
                response.End("hello " + request.Url);
            }).Listen(0);
            var request = new ClientRequest(loop, $"http://127.0.0.1:{server.LocalEndPoint!.Port}/there");
            request.On.SocketAssigned(_ => events.Add("socket")).On.Finish(() => events.Add("finish")).On.Closed(() => events.Add("close"));
            Task closed = WhenClosed(request); // 'close' may come before the code after ReadText runs
            request.End();

            IncomingMessage response = await request.Next.Response();
            events.Add($"response {response.StatusCode} {response.StatusMessage} {response.Headers["x-method"]}");
            response.On.Ended(() => events.Add("end"));
            body = await ReadText(response);
            await closed;
            server.Close();
        });

        Assert.Equal(["socket", "finish", "response 200 OK GET", "end", "close"], events);
        Assert.Equal("hello /there", body);
    }

    [Fact]
    public void A_streamed_request_body_arrives_whole()
    {
        // Node http client: a body written in parts is chunked, and the server reads it whole.
        string echoed = "";
        LoopPrograms.Run(async loop =>
        {
            var server = new HttpServer(loop, (request, response) =>
            {
                var received = new StringBuilder();
                request.On.Data(chunk => received.Append(Encoding.Latin1.GetString(chunk.Span))).On.Ended(() => response.End(received.ToString()));
            }).Listen(0);
            var request = new ClientRequest(loop, ClientRequestOptions.FromUrl($"http://127.0.0.1:{server.LocalEndPoint!.Port}/") with { Method = "POST" });
            for (int i = 0; i < 100; i++)
            {
                request.Write($"part {i};");
            }

            request.End("done");
            echoed = await ReadText(await request.Next.Response());
            server.Close();
        });

        Assert.Equal(string.Concat(Enumerable.Range(0, 100).Select(i => $"part {i};")) + "done", echoed);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end", "GET", "to the end", "")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 42\r\n\r\n", "GET", "abc", "42")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\n", "HEAD", "", "")]
    public void Each_kind_of_response_body_is_read_as_its_framing_says(string answer, string method, string expectedBody, string expectedTrailer)
    {
        // llhttp, client side: a body with no length runs to the connection's end; a chunked one ends at its last chunk
        // and brings trailers; a HEAD response has no body whatever its Content-Length says.
        string body = "", trailer = "";
        bool complete = false;
        LoopPrograms.Run(async loop =>
        {
            var server = new ScriptedHttpServer(loop, (socket, _) =>
            {
                socket.Write(answer.Replace("\\r\\n", "\r\n", StringComparison.Ordinal));
                socket.End();
            });
            var request = new ClientRequest(loop, ClientRequestOptions.FromUrl($"http://127.0.0.1:{server.Port}/") with { Method = method });
            request.End();
            IncomingMessage response = await request.Next.Response();
            body = await ReadText(response);
            complete = response.IsComplete;
            trailer = response.Trailers.GetValueOrDefault("x-sum", "");
            server.Close();
        });

        Assert.True(complete);
        Assert.Equal(expectedBody, body);
        Assert.Equal(expectedTrailer, trailer);
    }

    [Fact]
    public void An_expecting_request_sends_its_head_at_once_and_its_body_on_continue()
    {
        // Node http client: with Expect: 100-continue the head goes out at construction; the body waits for 'continue'.
        string answer = "";
        LoopPrograms.Run(async loop =>
        {
            var server = new HttpServer(loop, (request, response) =>
            {
                int length = 0;
                request.On.Data(chunk => length += chunk.Length).On.Ended(() => response.End($"got {length}"));
            }).Listen(0);
            var request = new ClientRequest(
                loop,
                ClientRequestOptions.FromUrl($"http://127.0.0.1:{server.LocalEndPoint!.Port}/") with { Method = "PUT", Headers = [new("Expect", "100-continue")] });
            request.On.Continue(() => request.End("the body"));
            answer = await ReadText(await request.Next.Response());
            server.Close();
        });

        Assert.Equal("got 8", answer);
    }

    [Fact]
    public void An_upgrade_hands_the_socket_and_the_bytes_after_the_head_to_the_listener()
    {
        // Node http client: a 101 with Upgrade goes to 'upgrade' with the socket and what came after the head.
        string head = "", status = "", echoed = "";
        LoopPrograms.Run(async loop =>
        {
            var server = new ScriptedHttpServer(loop, (socket, _) =>
            {
                socket.Write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\nfirst");
                socket.On.Data(chunk =>
                {
                    socket.Write(chunk);
                    socket.End();
                });
            });
            var request = new ClientRequest(loop, ClientRequestOptions.FromUrl($"http://127.0.0.1:{server.Port}/") with
            {
                Headers = [new("Connection", "Upgrade"), new("Upgrade", "echo")],
            });
            request.End();
            (IncomingMessage response, INetSocket upgraded, ReadOnlyMemory<byte> rest) = await request.Next.Upgrade();
            var socket = (TcpSocket)upgraded; // an http: request's
            status = response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            head = Encoding.Latin1.GetString(rest.Span);
            var received = new StringBuilder();
            socket.On.Data(chunk => received.Append(Encoding.Latin1.GetString(chunk.Span)));
            socket.Write("ping");
            await socket.Next.Closed();
            echoed = received.ToString();
            server.Close();
        });

        Assert.Equal(("101", "first", "ping"), (status, head, echoed));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_idle_socket_is_the_request_timeout_and_destroying_it_is_a_socket_hang_up(bool setTimeout)
    {
        // Node http client: the timeout option, or setTimeout(ms, callback), emits 'timeout' and does nothing else;
        // destroy() there fails the request.
        var events = new List<string>();
        LoopPrograms.Run(async loop =>
        {
            var server = new ScriptedHttpServer(loop, (_, _) => { }); // never answers
            var options = ClientRequestOptions.FromUrl($"http://127.0.0.1:{server.Port}/");
            var request = new ClientRequest(loop, setTimeout ? options : options with { Timeout = 50 });
            Action onTimeout = () =>
            {
                events.Add("timeout");
                request.Destroy();
            };
            if (setTimeout)
            {
                request.SetTimeout(50, onTimeout);
            }
            else
            {
                request.On.TimedOut(onTimeout);
            }

            request.On.Error(error => events.Add("error " + error.Message)).On.Closed(() => events.Add("close"));
            request.End();
            await WhenClosed(request);
            server.Close();
        });

        Assert.Equal(["timeout", "error socket hang up", "close"], events);
    }

    [Theory]
    [InlineData("GE T", null, "Method must be a valid HTTP token [\"GE T\"]")]
    [InlineData("GET", "/a b", "Request path contains unescaped characters [\"/a b\"]")]
    public void Bad_options_are_refused_with_Node_s_words(string method, string? path, string message)
    {
        // Node http client: ERR_INVALID_HTTP_TOKEN, ERR_UNESCAPED_CHARACTERS, thrown by the constructor.
        var error = LoopPrograms.OnLoop(loop => Task.FromResult(Record.Exception(
            () => new ClientRequest(loop, new ClientRequestOptions { Method = method, Path = path ?? "/", Host = "127.0.0.1" }))));

        Assert.IsType<ArgumentException>(error);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void A_port_out_of_range_is_refused(int port)
    {
        // Node http client: ERR_SOCKET_BAD_PORT.
        var error = LoopPrograms.OnLoop(loop => Task.FromResult(Record.Exception(
            () => new ClientRequest(loop, new ClientRequestOptions { Port = port }))));

        Assert.IsType<ArgumentOutOfRangeException>(error);
        Assert.StartsWith("Port should be >= 1 and < 65536", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com/", "Protocol \"ftp:\" not supported. Expected \"http:\" or \"https:\"")]
    [InlineData("example.com/path", "Invalid URL \"example.com/path\"")]
    public void Urls_that_are_not_absolute_http_ones_are_refused(string url, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ClientRequestOptions.FromUrl(url));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_gives_its_host_port_path_and_credentials()
    {
        ClientRequestOptions options = ClientRequestOptions.FromUrl("http://user:p%40ss@[::1]:8080/a%20b?x=1#frag");

        Assert.Equal(("::1", 8080, "/a%20b?x=1", "user:p@ss"), (options.Host, options.Port, options.Path, options.Auth));
        Assert.Equal(80, ClientRequestOptions.FromUrl("http://example.com").Port);
    }

    private static string ErrorCode(Exception error) => error switch
    {
        NetException net => net.Code,
        HttpParseException parse => parse.Code,
        _ => "undefined",
    };

    [GeneratedRegex(@"\d+$")]
    private static partial Regex PortDigits();

    /// <summary>A port nothing listens on: one a server just gave back.</summary>
    internal static int UnusedPort(EventLoop loop)
    {
        var server = new TcpServer(loop).Listen(0);
        int port = server.LocalEndPoint!.Port;
        server.Close();
        return port;
    }

    /// <summary>Completes at the request's 'close', whatever came before it (Next.Closed would fault on an 'error').</summary>
    internal static Task WhenClosed(ClientRequest request)
    {
        var closed = new TaskCompletionSource();
        request.On.Closed(() => closed.TrySetResult());
        return closed.Task;
    }

    internal static async Task<string> ReadText(IncomingMessage message)
    {
        var text = new StringBuilder();
        await foreach (ReadOnlyMemory<byte> chunk in message.ReadAllAsync())
        {
            text.Append(Encoding.Latin1.GetString(chunk.Span));
        }

        return text.ToString();
    }
}
