using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// samples/HttpHello run as a process and spoken to over raw loopback connections: keep-alive, pipelining, split
/// requests, HTTP/1.0, bad and oversized requests, a clean exit on SIGINT and SIGTERM; and, when node is on PATH, the
/// same exchanges with hello.js, whose responses must be the same bytes apart from Node's Date header.
/// </summary>
public sealed class HttpHelloTests
{
    private const string Hello = "Hello, World!";
    private const string BadRequest = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n";
    private const string HeadersTooLarge = "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n";
    private const int Sigint = 2;
    private const int Sigterm = 15;

    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(30);

    private static readonly string[] KeepAliveHeaders =
        ["Content-Type: text/plain", "Content-Length: 13", "Connection: keep-alive", "Keep-Alive: timeout=5"];

    private static readonly string[] CloseHeaders = ["Content-Type: text/plain", "Content-Length: 13", "Connection: close"];

    [Fact]
    public void It_prints_one_listening_line_and_answers_a_request_with_hello()
    {
        using var server = HttpHelloProcess.StartLoopwire();
        using var client = new RawHttpClient(server.Port);

        client.Send(RawHttpClient.Get());
        HttpResponseText response = client.ReadResponse();

        Assert.Equal($"listening on http://127.0.0.1:{server.Port}\n", server.Output);
        Assert.Equal("HTTP/1.1 200 OK", response.StatusLine);
        Assert.Equal(KeepAliveHeaders, response.HeadersWithoutDate);
        Assert.Equal(Hello, response.Body);
    }

    [Fact]
    public void Three_requests_one_after_another_share_one_connection()
    {
        using var server = HttpHelloProcess.StartLoopwire();
        using var client = new RawHttpClient(server.Port);

        for (int i = 0; i < 3; i++)
        {
            client.Send(RawHttpClient.Get());
            HttpResponseText response = client.ReadResponse();
            Assert.Equal(KeepAliveHeaders, response.HeadersWithoutDate);
            Assert.Equal(Hello, response.Body);
        }

        Assert.True(client.StaysOpen(TimeSpan.FromMilliseconds(300)), "the connection did not stay open after keep-alive responses");
        client.Send(RawHttpClient.Get("Connection: close"));
        Assert.Equal(CloseHeaders, client.ReadResponse().HeadersWithoutDate);
        Assert.True(client.EndsWithNothingMore(), "the server did not end the connection after Connection: close");
    }

    [Fact]
    public void Three_pipelined_requests_in_one_write_get_three_responses_in_order()
    {
        using var server = HttpHelloProcess.StartLoopwire();
        using var client = new RawHttpClient(server.Port);

        client.Send(RawHttpClient.Get() + RawHttpClient.Get() + RawHttpClient.Get("Connection: close"));

        Assert.Equal(KeepAliveHeaders, client.ReadResponse().HeadersWithoutDate);
        Assert.Equal(KeepAliveHeaders, client.ReadResponse().HeadersWithoutDate);
        Assert.Equal(CloseHeaders, client.ReadResponse().HeadersWithoutDate);
        Assert.True(client.EndsWithNothingMore(), "the server did not end the connection after Connection: close");
    }

    [Fact]
    public void A_request_sent_one_byte_per_write_is_answered_once()
    {
        using var server = HttpHelloProcess.StartLoopwire();
        using var client = new RawHttpClient(server.Port);

        client.SendByteByByte(RawHttpClient.Get("User-Agent: one byte at a time"));
        HttpResponseText response = client.ReadResponse();
        client.Send(RawHttpClient.Get("Connection: close"));

        Assert.Equal(Hello, response.Body);
        Assert.Equal(CloseHeaders, client.ReadResponse().HeadersWithoutDate);
        Assert.True(client.EndsWithNothingMore(), "a second response came for the split request");
    }

    [Fact]
    public void Thousands_of_requests_pipelined_before_reading_any_answer_are_all_answered_in_order()
    {
        // Far more answers than the socket's 16 KiB high-water mark: the server pauses reading until they drain.
        const int Count = 5000;
        using var server = HttpHelloProcess.StartLoopwire();
        using var client = new RawHttpClient(server.Port);

        client.Send(string.Concat(Enumerable.Repeat(RawHttpClient.Get(), Count - 1)) + RawHttpClient.Get("Connection: close"));

        for (int i = 0; i < Count - 1; i++)
        {
            Assert.Equal(KeepAliveHeaders, client.ReadResponse().HeadersWithoutDate);
        }

        Assert.Equal(CloseHeaders, client.ReadResponse().HeadersWithoutDate);
        Assert.True(client.EndsWithNothingMore(), "more came after the last answer");
    }

    [Fact]
    public void An_HTTP_1_0_request_is_answered_then_the_connection_ends_unless_it_asks_for_keep_alive()
    {
        using var server = HttpHelloProcess.StartLoopwire();
        using (var client = new RawHttpClient(server.Port))
        {
            client.Send("GET / HTTP/1.0\r\n\r\n");
            HttpResponseText response = client.ReadResponse();

            Assert.Equal("HTTP/1.1 200 OK", response.StatusLine);
            Assert.Equal(CloseHeaders, response.HeadersWithoutDate);
            Assert.True(client.EndsWithNothingMore(), "the server did not end an HTTP/1.0 connection");
        }

        using var keptAlive = new RawHttpClient(server.Port);
        keptAlive.Send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        Assert.Equal(KeepAliveHeaders, keptAlive.ReadResponse().HeadersWithoutDate);
    }

    [Fact]
    public void A_request_body_is_discarded_and_the_next_request_on_the_connection_is_answered()
    {
        using var server = HttpHelloProcess.StartLoopwire();
        using var client = new RawHttpClient(server.Port);

        client.Send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 11\r\n\r\nhello");
        client.Send(" world" + RawHttpClient.Get());

        Assert.Equal(Hello, client.ReadResponse().Body);
        Assert.Equal(Hello, client.ReadResponse().Body);
    }

    [Fact]
    public void A_malformed_request_gets_400_and_the_end_while_other_clients_are_still_answered()
    {
        using var server = HttpHelloProcess.StartLoopwire();
        using var waiting = new RawHttpClient(server.Port);
        waiting.Send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // half a head, left hanging

        using (var bad = new RawHttpClient(server.Port))
        {
            bad.Send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n" + RawHttpClient.Get());
            Assert.Equal(BadRequest, bad.ReadResponse().WithoutDate);
            Assert.True(bad.EndsWithNothingMore(), "the request after the bad one was answered");
        }

        using var next = new RawHttpClient(server.Port);
        next.Send(RawHttpClient.Get());
        Assert.Equal(Hello, next.ReadResponse().Body);
        waiting.Send("\r\n");
        Assert.Equal(Hello, waiting.ReadResponse().Body);
    }

    [Fact]
    public void A_head_over_16_KiB_gets_431_and_the_end()
    {
        using var server = HttpHelloProcess.StartLoopwire();
        using var client = new RawHttpClient(server.Port);

        client.Send(RawHttpClient.Get("X-Large: " + new string('x', 20_000)));

        Assert.Equal(HeadersTooLarge, client.ReadResponse().WithoutDate);
        Assert.True(client.EndsWithNothingMore(), "the server did not end the connection after 431");
    }

    [Fact]
    public void A_chunked_request_body_is_read_and_dropped_and_the_next_request_answered()
    {
        using var server = HttpHelloProcess.StartLoopwire();
        using var client = new RawHttpClient(server.Port);

        client.Send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + RawHttpClient.Get());

        Assert.Equal(Hello, client.ReadResponse().Body);
        Assert.Equal(Hello, client.ReadResponse().Body);
    }

    [PosixTheory]
    [InlineData(Sigint)]
    [InlineData(Sigterm)]
    public void A_signal_closes_the_server_ends_open_connections_and_exits_0(int signal)
    {
        // The sample's SignalHandles: Node's process.on('SIGINT' | 'SIGTERM') with server.close().
        using var server = HttpHelloProcess.StartLoopwire();
        using var idle = new RawHttpClient(server.Port);
        idle.Send(RawHttpClient.Get());
        Assert.Equal(Hello, idle.ReadResponse().Body);

        server.Signal(signal);

        Assert.True(idle.EndsWithNothingMore(), "the idle keep-alive connection was not ended");
        Assert.Equal(0, server.WaitForExit(ExitLimit));
        Assert.Equal("", server.Errors);
    }

    [NodeFact]
    public void The_responses_are_node_s_bytes_apart_from_its_Date_header()
    {
        // What is compared: every status line, header line (but Date) and body, in order, and where the server ends
        // the connection.
        List<string> loopwire, node;
        using (var server = HttpHelloProcess.StartLoopwire())
        {
            loopwire = Transcript(server.Port);
        }

        using (var server = HttpHelloProcess.StartNode())
        {
            Assert.Equal($"listening on http://127.0.0.1:{server.Port}\n", server.Output);
            node = Transcript(server.Port);
            server.Signal(Sigint);
            Assert.Equal(0, server.WaitForExit(ExitLimit));
        }

        Assert.Equal(node, loopwire);
    }

    /// <summary>The exchanges of the tests above, each response as text without Date, and "end" where the server ends.</summary>
    private static List<string> Transcript(int port)
    {
        var transcript = new List<string>();
        void Exchange(Action<RawHttpClient> send, int responses, bool ends)
        {
            using var client = new RawHttpClient(port);
            send(client);
            for (int i = 0; i < responses; i++)
            {
                transcript.Add(client.ReadResponse().WithoutDate);
            }

            if (ends)
            {
                transcript.Add(client.EndsWithNothingMore() ? "end" : "more");
            }
        }

        Exchange(c => c.Send(RawHttpClient.Get()), 1, ends: false);
        Exchange(c => c.Send(RawHttpClient.Get() + RawHttpClient.Get() + RawHttpClient.Get("Connection: close")), 3, ends: true);
        Exchange(c => c.SendByteByByte(RawHttpClient.Get("Connection: close")), 1, ends: true);
        Exchange(c => c.Send("GET / HTTP/1.0\r\n\r\n"), 1, ends: true);
        Exchange(c => c.Send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"), 1, ends: false);
        Exchange(c => c.Send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello" + RawHttpClient.Get("Connection: close")), 2, ends: true);
        Exchange(c => c.Send("GARBAGE\r\n\r\n"), 1, ends: true);
        Exchange(c => c.Send(RawHttpClient.Get("Bad Header")), 1, ends: true);
        Exchange(c => c.Send("GET / HTTP/1.1\nHost: a\n\n"), 1, ends: true);
        Exchange(c => c.Send(RawHttpClient.Get("X-Large: " + new string('x', 20_000))), 1, ends: true);
        Exchange(c => c.Send("GET / HTTP/1.1\r\n\r\n"), 1, ends: true);
        Exchange(c => c.Send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + RawHttpClient.Get("Connection: close")), 2, ends: true);
        return transcript;
    }
}

/// <summary>A theory that sends real POSIX signals: skipped on Windows, which has no kill.</summary>
file sealed class PosixTheoryAttribute : TheoryAttribute
{
    public PosixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "POSIX signals are sent with kill, which Windows does not have.";
        }
    }
}
