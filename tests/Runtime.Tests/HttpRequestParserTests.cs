using System.Text;
using Loopwire.Samples.HttpHello;

namespace Loopwire.Tests;

/// <summary>
/// samples/HttpHello's request parser (its source is compiled into this project): requests found whole, split or
/// pipelined; keep-alive decided as RFC 9112 does; bodies discarded; and bad, oversized or chunked input refused.
/// </summary>
public sealed class HttpRequestParserTests
{
    private const string Get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";

    [Fact]
    public void A_request_in_one_chunk_is_one_request_that_keeps_the_connection_alive()
    {
        var parser = new HttpRequestParser();

        Assert.Equal(["Request keep-alive"], Feed(parser, Get));
    }

    [Fact]
    public void Three_pipelined_requests_in_one_chunk_are_three_requests_in_order()
    {
        var parser = new HttpRequestParser();

        List<string> results = Feed(parser, Get + Get.Replace("GET", "HEAD", StringComparison.Ordinal) + "GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        Assert.Equal(["Request keep-alive", "Request keep-alive", "Request close"], results);
    }

    [Fact]
    public void A_request_fed_one_byte_at_a_time_completes_with_its_last_byte()
    {
        var parser = new HttpRequestParser();
        byte[] request = Bytes("GET /index.html HTTP/1.1\r\nHost: a\r\nUser-Agent: test\r\n\r\n");
        var results = new List<string>();

        for (int i = 0; i < request.Length; i++)
        {
            List<string> step = Feed(parser, request.AsSpan(i, 1));
            Assert.True(i == request.Length - 1 || step.Count == 0, $"a result at byte {i}: {string.Join(", ", step)}");
            results.AddRange(step);
        }

        Assert.Equal(["Request keep-alive"], results);
    }

    [Fact]
    public void Two_pipelined_requests_split_anywhere_give_the_same_two_requests()
    {
        byte[] requests = Bytes(Get + "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");

        for (int split = 1; split < requests.Length; split++)
        {
            var parser = new HttpRequestParser();
            List<string> results = Feed(parser, requests.AsSpan(0, split));
            results.AddRange(Feed(parser, requests.AsSpan(split)));

            Assert.Equal(["Request keep-alive", "Request close"], results);
        }
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n\r\n", "keep-alive")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", "close")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nconnection:  Upgrade, CLOSE \r\n\r\n", "close")]
    [InlineData("GET / HTTP/1.0\r\n\r\n", "close")]
    [InlineData("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", "keep-alive")]
    [InlineData("GET / HTTP/1.0\r\nConnection: Keep-Alive, close\r\n\r\n", "close")]
    public void Keep_alive_is_the_default_in_HTTP_1_1_and_asked_for_in_HTTP_1_0(string request, string expected)
    {
        Assert.Equal([$"Request {expected}"], Feed(new HttpRequestParser(), request));
    }

    [Fact]
    public void Empty_lines_before_a_request_line_are_skipped()
    {
        // RFC 9112 2.2, as llhttp does.
        Assert.Equal(["Request keep-alive"], Feed(new HttpRequestParser(), "\r\n\r\n" + Get));
    }

    [Fact]
    public void A_body_is_read_and_discarded_across_chunks_before_the_next_request()
    {
        var parser = new HttpRequestParser();

        List<string> results = Feed(parser, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123");
        results.AddRange(Feed(parser, "456"));
        results.AddRange(Feed(parser, "789" + Get));

        Assert.Equal(["Request keep-alive", "Request keep-alive"], results);
    }

    [Fact]
    public void A_body_of_exactly_one_MiB_is_accepted_and_a_larger_one_is_413()
    {
        var parser = new HttpRequestParser();
        List<string> results = Feed(parser, $"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: {HttpRequestParser.MaxBodySize}\r\n\r\n");
        results.AddRange(Feed(parser, new byte[HttpRequestParser.MaxBodySize]));

        Assert.Equal(["Request keep-alive"], results);
        Assert.Equal(["BodyTooLarge"], Feed(new HttpRequestParser(), $"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: {HttpRequestParser.MaxBodySize + 1}\r\n\r\n"));
        Assert.Equal(["BodyTooLarge"], Feed(new HttpRequestParser(), "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999999\r\n\r\n"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_head_of_8_KiB_is_accepted_and_one_byte_more_is_431(bool byteByByte)
    {
        string Head(int size)
        {
            string start = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ";
            return start + new string('p', size - start.Length - 4) + "\r\n\r\n";
        }

        Assert.Equal(HttpRequestParser.MaxHeadSize, Head(HttpRequestParser.MaxHeadSize).Length);
        Assert.Equal(["Request keep-alive"], FeedIn(Head(HttpRequestParser.MaxHeadSize), byteByByte));
        Assert.Equal(["HeadTooLarge"], FeedIn(Head(HttpRequestParser.MaxHeadSize + 1), byteByByte));
        Assert.Equal(["HeadTooLarge"], FeedIn(Head(HttpRequestParser.MaxHeadSize * 3), byteByByte));
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("GET /\r\nHost: a\r\n\r\n")]
    [InlineData("GET / HTTP/2.0\r\nHost: a\r\n\r\n")]
    [InlineData("GET / http/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET  / HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("G(T / HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET /a\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost : a\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nno colon\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n: empty name\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nX: a\u0001b\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!")]
    public void A_malformed_head_is_a_bad_request(string request)
    {
        Assert.Equal(["BadRequest"], FeedIn(request, byteByByte: false));
        Assert.Equal(["BadRequest"], FeedIn(request, byteByByte: true));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\nHost: a\n\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\n")]
    public void A_bare_line_feed_is_a_bad_request_as_soon_as_it_arrives(string start)
    {
        // Such a head would never end in CRLF CRLF: without this, the client would wait until 8 KiB or a timeout.
        Assert.Equal(["BadRequest"], FeedIn(start, byteByByte: false));
        Assert.Equal(["BadRequest"], FeedIn(start, byteByByte: true));
    }

    [Fact]
    public void Repeated_equal_content_lengths_are_one_length()
    {
        Assert.Equal(["Request keep-alive"], Feed(new HttpRequestParser(), "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nhi"));
    }

    [Theory]
    [InlineData("Transfer-Encoding: chunked")]
    [InlineData("transfer-encoding: gzip, chunked")]
    [InlineData("Content-Length: 5\r\nTransfer-Encoding: chunked")]
    public void A_transfer_encoding_is_not_implemented(string header)
    {
        Assert.Equal(["NotImplemented"], Feed(new HttpRequestParser(), $"POST / HTTP/1.1\r\nHost: a\r\n{header}\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
    }

    [Fact]
    public void An_error_is_reported_again_for_whatever_follows()
    {
        var parser = new HttpRequestParser();

        Assert.Equal(["BadRequest"], Feed(parser, "GARBAGE\r\n\r\n"));
        Assert.Equal(["BadRequest"], Feed(parser, Get));
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    private static List<string> Feed(HttpRequestParser parser, string text) => Feed(parser, Bytes(text));

    private static List<string> FeedIn(string text, bool byteByByte)
    {
        var parser = new HttpRequestParser();
        if (!byteByByte)
        {
            return Feed(parser, text);
        }

        var results = new List<string>();
        foreach (byte b in Bytes(text))
        {
            results.AddRange(Feed(parser, [b]));
            if (results.Count > 0 && results[^1] is not "Request keep-alive" and not "Request close")
            {
                break; // an error ends the connection: nothing more is fed
            }
        }

        return results;
    }

    /// <summary>Feeds one chunk; lists each request (with its keep-alive) or error, and checks the chunk is consumed.</summary>
    private static List<string> Feed(HttpRequestParser parser, ReadOnlySpan<byte> chunk)
    {
        var results = new List<string>();
        while (true)
        {
            HttpParseResult result = parser.Read(ref chunk);
            if (result == HttpParseResult.NeedMore)
            {
                Assert.True(chunk.IsEmpty, "NeedMore with bytes left");
                return results;
            }

            if (result != HttpParseResult.Request)
            {
                results.Add(result.ToString());
                return results;
            }

            results.Add(parser.KeepAlive ? "Request keep-alive" : "Request close");
        }
    }
}
