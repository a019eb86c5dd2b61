using System.Text;
using System.Text.RegularExpressions;
using Loopwire.Http;
using Loopwire.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// HttpServer against a client that speaks HTTP by hand: Node's http.Server framing, byte for byte (the expected
/// responses are what Node 20 sends for the same handlers; HttpServerNodeTests checks them against a live Node), and
/// its keep-alive, pipelining, backpressure and answers to bad or slow clients.
/// </summary>
public sealed partial class HttpServerTests
{
    /// <summary>The handlers of the cases below, by path; tests/Runtime.Tests/Http/server-cases.js has Node's twins.</summary>
    internal static void Handle(IncomingMessage request, ServerResponse response)
    {
        switch (request.Url)
        {
            case "/hello":
                response.SetHeader("Content-Type", "text/plain");
                response.End("Hello, World!");
                break;
            case "/empty":
                response.End();
                break;
            case "/chunks":
                response.Write("ab");
                response.Write("");
                response.End("cd");
                break;
            case "/head":
                response.SetHeader("set-cookie", ["a=1", "b=2"]).WriteHead(201, headers: [new("X-A", "1")]);
                response.End("x");
                break;
            case "/status":
                response.StatusCode = 404;
                response.StatusMessage = "Nope";
                response.End();
                break;
            case "/nocontent":
                response.StatusCode = 204;
                response.End("ignored");
                break;
            case "/echo":
                int length = 0;
                request.On.Data(chunk => length += chunk.Length).On.Ended(() => response.End(length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case "/close":
                response.SetHeader("Connection", "close");
                response.End("bye");
                break;
            default:
                response.StatusCode = 404;
                response.End();
                break;
        }
    }

    /// <summary>Each request, sent alone on a connection the client then half-closes, and Node 20's answer, its Date header masked.</summary>
    public static TheoryData<string, string> NodeAnswers => new()
    {
        { "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 13\r\n\r\nHello, World!" },
        { "GET /empty HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 0\r\n\r\n" },
        { "GET /chunks HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n" },
        { "GET /chunks HTTP/1.0\r\n\r\n", "HTTP/1.1 200 OK\r\nDate: X\r\nConnection: close\r\n\r\nabcd" },
        { "HEAD /chunks HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n" },
        { "GET /head HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 201 Created\r\nset-cookie: a=1\r\nset-cookie: b=2\r\nX-A: 1\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n" },
        { "GET /status HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 404 Nope\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 0\r\n\r\n" },
        { "GET /nocontent HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 204 No Content\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n" },
        { "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", "HTTP/1.1 200 OK\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 1\r\n\r\n3" },
        { "GET /close HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\nConnection: close\r\nDate: X\r\nContent-Length: 3\r\n\r\nbye" },
        { "GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: X\r\nConnection: close\r\nContent-Length: 13\r\n\r\nHello, World!" },
        { "BAD\r\n\r\n", "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n" },
        { "GET /hello HTTP/1.1\r\n\r\n", "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nDate: X\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" },
        { "POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 1\r\n\r\n2" },
        { "GET /hello HTTP/1.1\r\nHost: a\r\nExpect: something\r\n\r\n", "HTTP/1.1 417 Expectation Failed\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" },
        { "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n", "" },
    };

    [Theory]
    [MemberData(nameof(NodeAnswers))]
    public void Each_response_is_framed_byte_for_byte_as_Node_frames_it(string request, string expected)
    {
        // Node http: _storeHeader's order (the handler's headers, Date, Connection, Keep-Alive, then Content-Length
        // when end() has the whole body, chunked otherwise), HTTP/1.0 unframed with close, HEAD/204 bodiless,
        // 100-continue answered, another expectation 417, a CONNECT nobody handles closed unanswered, a missing Host and
        // a bad request line refused.
        Assert.Equal(expected, MaskDate(Exchange(request)));
    }

    [Fact]
    public void Pipelined_requests_are_answered_in_order_even_when_a_later_one_finishes_first()
    {
        // Node http: responses to pipelined requests go out in request order; a response that ends early waits.
        string answers = Exchange(
            "GET /slow HTTP/1.1\r\nHost: a\r\n\r\nGET /fast HTTP/1.1\r\nHost: a\r\n\r\n",
            (loop, request, response) =>
            {
                if (request.Url == "/slow")
                {
                    loop.SetTimeout(() => response.End("slow"), 20);
                }
                else
                {
                    response.End("fast");
                }
            });

        Assert.Matches("(?s)^HTTP/1.1 200 OK.*\r\n\r\nslowHTTP/1.1 200 OK.*\r\n\r\nfast$", answers);
    }

    [Fact]
    public void A_checkContinue_listener_answers_instead_of_the_automatic_100_Continue()
    {
        // Node http: with a 'checkContinue' listener the server sends no 100 Continue and emits no 'request' itself.
        string answer = Exchange(
            "POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi", // a client sends the body anyway after a while
            (_, _, response) => response.End("request"),
            server => server.On.CheckContinue((_, response) => response.End("refused")));

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer);
        Assert.EndsWith("\r\n\r\nrefused", answer);
    }

    [Fact]
    public void A_body_nobody_reads_is_dropped_and_the_connection_serves_the_next_request()
    {
        // Node http: once the response is done, an unread request body is dumped (req._dump), so keep-alive goes on.
        string body = new('x', 100_000);
        string answers = Exchange(
            $"POST /ignore HTTP/1.1\r\nHost: a\r\nContent-Length: {body.Length}\r\n\r\n{body}GET /after HTTP/1.1\r\nHost: a\r\n\r\n",
            (_, request, response) => response.End(request.Url));

        Assert.Matches("(?s)^HTTP/1.1 200 OK.*\r\n\r\n/ignoreHTTP/1.1 200 OK.*\r\n\r\n/after$", answers);
    }

    [Fact]
    public void A_paused_request_stops_the_connection_reading_and_gets_every_byte_once_resumed()
    {
        // Node http: a request body pushes back: past its high-water mark the socket stops reading.
        const int Length = 1 << 20;
        int received = 0, mostWaiting = 0;
        string answers = Exchange(
            $"POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: {Length}\r\n\r\n{new string('y', Length)}",
            (loop, request, response) =>
            {
                request.Pause();
                request.On.Data(chunk => received += chunk.Length).On.Ended(() => response.End(received.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                Timer? watch = null;
                watch = loop.SetInterval(() =>
                {
                    mostWaiting = Math.Max(mostWaiting, request.ReadableLength);
                    if (request.Socket.IsPaused)
                    {
                        watch!.Close();
                        request.Resume();
                    }
                }, 1);
            });

        Assert.EndsWith($"\r\n\r\n{Length}", answers);
        Assert.InRange(mostWaiting, TransformStream.DefaultHighWaterMark, TransformStream.DefaultHighWaterMark + (256 * 1024));
    }

    [Fact]
    public void A_malformed_request_goes_to_clientError_with_llhttps_code_and_the_server_goes_on()
    {
        // Node http: a parse error is 'clientError' with err.code HPE_*; with a listener, answering is up to it.
        Exception? seen = null;
        string answer = Exchange(
            "GET / HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n",
            (_, _, response) => response.End(),
            server => server.On.ClientError((error, socket) =>
            {
                seen = error;
                socket.Write("HTTP/1.1 400 Mine\r\n\r\n");
                socket.End();
            }));

        Assert.Equal("HTTP/1.1 400 Mine\r\n\r\n", answer);
        HttpParseException parse = Assert.IsType<HttpParseException>(seen);
        Assert.Equal("HPE_INVALID_HEADER_TOKEN", parse.Code);
        Assert.StartsWith("Parse Error: ", parse.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_head_over_the_limit_is_answered_431()
    {
        // Node http: HPE_HEADER_OVERFLOW is answered 431 Request Header Fields Too Large, and the connection closed.
        string answer = Exchange(
            "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + new string('b', 1000) + "\r\n\r\n",
            (_, _, response) => response.End(),
            options: new HttpServerOptions { MaxHeaderSize = 512 });

        Assert.Equal("HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n", answer);
    }

    [Fact]
    public void Chunk_extensions_over_the_limit_are_answered_413()
    {
        // Node http: HPE_CHUNK_EXTENSIONS_OVERFLOW is answered 413 Payload Too Large, and the connection closed.
        string answer = Exchange(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;x=" + new string('e', 1000) + "\r\na\r\n0\r\n\r\n",
            (_, request, response) => request.On.Ended(response.End).Resume(),
            options: new HttpServerOptions { MaxHeaderSize = 512 });

        Assert.Equal("HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n", answer);
    }

    [Fact]
    public void A_request_whose_head_is_slower_than_HeadersTimeout_is_answered_408()
    {
        // Node http: checkConnections, every connectionsCheckingInterval, answers 408 to a head older than headersTimeout.
        string answer = Exchange(
            "GET / HTTP/1.1\r\nHost: a\r\n", // and no end of head
            (_, _, response) => response.End(),
            options: new HttpServerOptions { HeadersTimeout = 100, RequestTimeout = 200, ConnectionsCheckingInterval = 20 },
            endSending: false);

        Assert.Equal("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n", answer);
    }

    [Fact]
    public void An_idle_kept_alive_connection_is_closed_after_KeepAliveTimeout()
    {
        // Node http: after a response, a kept-alive connection waits keepAliveTimeout for the next request, then closes.
        HttpResponseText? response = null;
        bool ended = false;
        LoopPrograms.Run(async loop =>
        {
            var server = new HttpServer(loop, (_, r) => r.End("ok"), new HttpServerOptions { KeepAliveTimeout = 1000 }).Listen(0);
            int port = server.LocalEndPoint!.Port;
            await Task.Run(() =>
            {
                using var client = new RawHttpClient(port);
                client.Send(RawHttpClient.Get());
                response = client.ReadResponse();
                ended = client.EndsWithNothingMore(); // the client sends nothing more, and does not end its side
            });
            server.Close();
        });

        Assert.Contains("Keep-Alive: timeout=1", response!.Headers);
        Assert.True(ended);
    }

    [Fact]
    public void An_upgrade_with_a_listener_hands_over_the_socket_and_the_bytes_after_the_head()
    {
        // Node http: 'upgrade' gets the request, the socket and the bytes already read past the head; no response is made.
        string? seenHead = null;
        string answer = Exchange(
            "GET /ws HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\nfirst bytes",
            (_, _, response) => response.End("not upgraded"),
            server => server.On.Upgrade((request, socket, head) =>
            {
                seenHead = Encoding.ASCII.GetString(head.Span);
                socket.Write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n");
                socket.Pipe(socket);
            }));

        Assert.Equal("first bytes", seenHead);
        Assert.Equal("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n", answer);
    }

    [Fact]
    public void An_upgrade_nobody_listens_for_is_an_ordinary_request()
    {
        // Node http: without an 'upgrade' listener the request is emitted as 'request', as any other.
        string answer = Exchange(
            "GET /ws HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n",
            (_, _, response) => response.End("plain"));

        Assert.EndsWith("\r\n\r\nplain", answer);
    }

    [Fact]
    public void Close_closes_idle_connections_and_lets_a_busy_one_finish_with_Connection_close()
    {
        // Node http (19+): server.close() closes idle connections; one with a request under way ends after its response.
        string? answer = null;
        bool closed = false;
        LoopPrograms.Run(async loop =>
        {
            HttpServer? server = null;
            server = new HttpServer(loop, (_, response) =>
            {
                server!.Close();
                loop.SetTimeout(() => response.End("late"), 10);
            }).Listen(0);
            server.On.Closed(() => closed = true);
            int port = server.LocalEndPoint!.Port;
            answer = await Task.Run(() =>
            {
                using var client = new RawHttpClient(port);
                client.Send(RawHttpClient.Get());
                return client.ReadToEnd();
            });
        });

        Assert.Matches("(?s)^HTTP/1.1 200 OK\r\n.*Connection: close\r\n.*\r\n\r\nlate$", answer!);
        Assert.True(closed);
    }

    [Fact]
    public void A_request_cut_off_mid_body_ends_in_close_with_IsComplete_false_and_error_only_for_a_listener()
    {
        // Node http: an aborted request emits 'error' (ECONNRESET, "aborted") only when it has a listener, then 'close'.
        var seen = new List<string>();
        LoopPrograms.Run(async loop =>
        {
            var arrived = new TaskCompletionSource();
            var closed = new TaskCompletionSource();
            var server = new HttpServer(loop, (request, _) =>
            {
                request.On.Error(error => seen.Add($"error {((NetException)error).Code} {error.Message}"))
                       .On.Closed(() =>
                       {
                           seen.Add($"close complete={request.IsComplete}");
                           closed.SetResult();
                       });
                arrived.SetResult();
            }).Listen(0);
            int port = server.LocalEndPoint!.Port;
            var client = new RawHttpClient(port);
            client.Send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc");
            await arrived.Task;
            client.Dispose();
            await closed.Task;
            server.Close();
        });

        Assert.Equal(["error ECONNRESET aborted", "close complete=False"], seen);
    }

    [Fact]
    public void Garbage_from_many_clients_never_stops_the_server_from_answering_a_good_one()
    {
        // A server survives a malformed or hostile client: every connection of random bytes is refused or answered, and
        // a good request after them gets its answer.
        var random = new Random(20261123);
        string? last = null;
        LoopPrograms.Run(async loop =>
        {
            var server = new HttpServer(loop, (_, response) => response.End("fine")).Listen(0);
            int port = server.LocalEndPoint!.Port;
            await Task.Run(() =>
            {
                for (int i = 0; i < 50; i++)
                {
                    byte[] garbage = new byte[random.Next(1, 2000)];
                    random.NextBytes(garbage);
                    if (i % 2 == 0)
                    {
                        Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n").CopyTo(garbage, 0);
                    }

                    using var client = new RawHttpClient(port);
                    client.Send(Encoding.Latin1.GetString(garbage));
                    client.EndSending();
                    client.ReadToEnd();
                }

                using var good = new RawHttpClient(port);
                good.Send(RawHttpClient.Get("Connection: close"));
                last = good.ReadToEnd();
            });
            server.Close();
        });

        Assert.EndsWith("\r\n\r\nfine", last!);
    }

    private static string Exchange(string request) => Exchange(request, (_, q, s) => Handle(q, s));

    /// <summary>Sends <paramref name="request"/> on one connection, half-closes it, and returns all the server sends until it ends the connection.</summary>
    private static string Exchange(
        string request,
        Action<EventLoop, IncomingMessage, ServerResponse> handler,
        Action<HttpServer>? setUp = null,
        HttpServerOptions? options = null,
        bool endSending = true)
    {
        string? answer = null;
        LoopPrograms.Run(async loop =>
        {
            var server = new HttpServer(loop, (q, s) => handler(loop, q, s), options);
            setUp?.Invoke(server);
            server.Listen(0);
            int port = server.LocalEndPoint!.Port;
            answer = await Task.Run(() =>
            {
                using var client = new RawHttpClient(port);
                client.Send(request);
                if (endSending)
                {
                    client.EndSending();
                }

                return client.ReadToEnd();
            });
            server.Close();
        });

        return answer!;
    }

    internal static string MaskDate(string response) => DateHeader().Replace(response, "Date: X");

    [GeneratedRegex("Date: [^\r]*")]
    private static partial Regex DateHeader();
}
