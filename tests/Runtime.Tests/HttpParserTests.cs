using System.Text;
using Loopwire.Http;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// HttpParser on its own: requests and responses whole, split anywhere, a byte at a time and pipelined; bodies by
/// length, in chunks and to EOF; keep-alive, upgrades, the header limit, llhttp's errors, and interned strings.
/// </summary>
public sealed class HttpParserTests
{
    private const string Get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    private const string Post = "POST /submit?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
    private const string ChunkedPost =
        "POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" +
        "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: 42\r\n\r\n";

    // Requests (false) and responses (true) that together use every part of the parser, for the split and
    // byte-at-a-time tests; then whether the input ends with EOF.
    public static TheoryData<bool, string, bool> Messages => new()
    {
        { false, Get + Post + ChunkedPost + "GET /last HTTP/1.0\r\n\r\n", false },
        { false, "\r\n" + Get + "GET /chat HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\nframes", false },
        { true, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi" + "HTTP/1.1 204 No Content\r\n\r\n" + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n" + "HTTP/1.0 200 OK\r\n\r\nto the end", true },
    };

    [Fact]
    public void A_request_in_one_read_gives_its_head_then_its_end()
    {
        var parser = new HttpParser(HttpParserKind.Request);
        byte[] data = Bytes("GET /index.html?q=1 HTTP/1.1\r\nHost: example.com\r\nX-Custom:  spaced out \t\r\n\r\n");

        Assert.Equal(HttpParseStep.HeadComplete, parser.Read(data, out int consumed));

        Assert.Equal(data.Length, consumed);
        Assert.Equal("GET", parser.Method);
        Assert.Equal("/index.html?q=1", parser.Url);
        Assert.Equal((1, 1), (parser.VersionMajor, parser.VersionMinor));
        Assert.Equal(["Host", "example.com", "X-Custom", "spaced out"], parser.RawHeaders);
        Assert.True(parser.KeepAlive);
        Assert.False(parser.Upgrade);
        Assert.Equal(-1, parser.ContentLength);
        Assert.False(parser.Chunked);
        Assert.Equal(HttpParseStep.MessageComplete, parser.Read(default, out consumed));
        Assert.Equal(0, consumed);
        Assert.Empty(parser.RawTrailers);
        Assert.Equal(HttpParseStep.NeedMore, parser.Read(default, out _));
        Assert.Equal(HttpParseStep.NeedMore, parser.Finish());
    }

    [Fact]
    public void A_response_gives_its_status_and_reason()
    {
        var parser = new HttpParser(HttpParserKind.Response);

        Assert.Equal(HttpParseStep.HeadComplete, parser.Read(Bytes("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n"), out _));

        Assert.Equal((404, "Not Found", 0), (parser.StatusCode, parser.StatusMessage, parser.VersionMinor));
        Assert.Equal(0, parser.ContentLength);
        Assert.False(parser.KeepAlive);
        Assert.Equal(HttpParseStep.MessageComplete, parser.Read(default, out _));
    }

    [Fact]
    public void Three_pipelined_requests_in_one_read_come_out_in_order()
    {
        string transcript = HttpParserTranscript.Run(HttpParserKind.Request, Get + Post + ChunkedPost);

        Assert.Equal(
            "head GET / HTTP/1.1 [Host, a] keepAlive=true upgrade=false | done body= trailers=[] | " +
            "head POST /submit?x=1 HTTP/1.1 [Host, a, Content-Length, 5] keepAlive=true upgrade=false | done body=hello trailers=[] | " +
            "head POST /up HTTP/1.1 [Host, a, Transfer-Encoding, chunked] keepAlive=true upgrade=false | done body=hello world trailers=[X-Checksum, 42]",
            transcript);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Messages_split_at_every_offset_give_what_they_give_whole(bool response, string text, bool eof)
    {
        HttpParserKind kind = response ? HttpParserKind.Response : HttpParserKind.Request;
        byte[] data = Bytes(text);
        string whole = HttpParserTranscript.Run(kind, data, eof: eof);
        Assert.DoesNotContain("error", whole, StringComparison.Ordinal);

        for (int split = 1; split < data.Length; split++)
        {
            Assert.Equal(whole, HttpParserTranscript.Run(kind, data, eof: eof, splits: [split]));
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Messages_fed_a_byte_at_a_time_give_what_they_give_whole(bool response, string text, bool eof)
    {
        HttpParserKind kind = response ? HttpParserKind.Response : HttpParserKind.Request;
        byte[] data = Bytes(text);

        string bytewise = HttpParserTranscript.Run(kind, data, eof: eof, splits: [.. Enumerable.Range(1, data.Length - 1)]);

        Assert.Equal(HttpParserTranscript.Run(kind, data, eof: eof), bytewise);
    }

    [Fact]
    public void A_body_longer_than_a_read_comes_as_slices_of_each_read()
    {
        var parser = new HttpParser(HttpParserKind.Request);
        byte[] first = Bytes("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabcd");

        Assert.Equal(HttpParseStep.HeadComplete, parser.Read(first, out int consumed));
        Assert.Equal(10, parser.ContentLength);
        Assert.Equal(HttpParseStep.Body, parser.Read(first.AsSpan(consumed), out int bodyConsumed));
        Assert.Equal((0, 4, 4), (parser.BodyStart, parser.BodyLength, bodyConsumed));

        byte[] second = Bytes("efghijGET");
        Assert.Equal(HttpParseStep.Body, parser.Read(second, out consumed));
        Assert.Equal((0, 6, 6), (parser.BodyStart, parser.BodyLength, consumed));
        Assert.Equal("efghij", Encoding.ASCII.GetString(second, parser.BodyStart, parser.BodyLength));
        Assert.Equal(HttpParseStep.MessageComplete, parser.Read(second.AsSpan(6), out consumed));
        Assert.Equal(0, consumed);
        Assert.Equal(HttpParseStep.NeedMore, parser.Read(second.AsSpan(6), out consumed));
        Assert.Equal(3, consumed);
    }

    [Fact]
    public void A_chunked_body_skips_extensions_and_keeps_trailers()
    {
        var parser = new HttpParser(HttpParserKind.Request);

        Assert.Equal(
            "head POST /up HTTP/1.1 [Host, a, Transfer-Encoding, chunked] keepAlive=true upgrade=false | done body=hello world trailers=[X-Checksum, 42]",
            HttpParserTranscript.Run(HttpParserKind.Request, ChunkedPost));
        Assert.Equal(HttpParseStep.HeadComplete, parser.Read(Bytes(ChunkedPost), out _));
        Assert.True(parser.Chunked);
        Assert.Equal(-1, parser.ContentLength);
    }

    [Fact]
    public void A_response_without_length_runs_to_EOF_and_does_not_keep_alive()
    {
        var parser = new HttpParser(HttpParserKind.Response);
        byte[] data = Bytes("HTTP/1.1 200 OK\r\n\r\nsome");

        Assert.Equal(HttpParseStep.HeadComplete, parser.Read(data, out int consumed));
        Assert.False(parser.KeepAlive);
        Assert.Equal(HttpParseStep.Body, parser.Read(data.AsSpan(consumed), out _));
        Assert.Equal(HttpParseStep.NeedMore, parser.Read(default, out _));
        Assert.Equal(HttpParseStep.MessageComplete, parser.Finish());
        Assert.Equal(HttpParseStep.NeedMore, parser.Finish());
    }

    [Fact]
    public void EOF_in_the_middle_of_a_message_is_llhttps_invalid_EOF_state()
    {
        var parser = new HttpParser(HttpParserKind.Response);
        parser.Read(Bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab"), out int consumed);
        parser.Read(Bytes("ab"), out _);

        Assert.Equal(HttpParseStep.Error, parser.Finish());
        Assert.Equal(("HPE_INVALID_EOF_STATE", "Invalid EOF state"), (parser.Error!.Code, parser.Error.Reason));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n")]
    public void A_response_to_HEAD_has_no_body_whatever_its_headers_say(string head)
    {
        var parser = new HttpParser(HttpParserKind.Response) { ExpectNoBody = true };
        byte[] data = Bytes(head + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        Assert.Equal(HttpParseStep.HeadComplete, parser.Read(data, out int consumed));
        Assert.Equal(HttpParseStep.MessageComplete, parser.Read(data.AsSpan(consumed), out _));
        Assert.False(parser.ExpectNoBody);
        Assert.Equal(HttpParseStep.HeadComplete, parser.Read(data.AsSpan(consumed), out int next));
        Assert.Equal(HttpParseStep.Body, parser.Read(data.AsSpan(consumed + next), out _));
    }

    [Theory]
    [InlineData("HTTP/1.1", "", true)]
    [InlineData("HTTP/1.1", "Connection: close\r\n", false)]
    [InlineData("HTTP/1.1", "Connection: keep-alive\r\n", true)]
    [InlineData("HTTP/1.1", "Connection: Upgrade, CLOSE\r\n", false)]
    [InlineData("HTTP/1.0", "", false)]
    [InlineData("HTTP/1.0", "Connection: close\r\n", false)]
    [InlineData("HTTP/1.0", "Connection: keep-alive\r\n", true)]
    [InlineData("HTTP/1.0", "Connection: Keep-Alive, close\r\n", true)] // llhttp: HTTP/1.0 looks only for keep-alive
    public void Keep_alive_is_HTTP_1_1s_default_and_HTTP_1_0s_exception(string version, string connection, bool keepAlive)
    {
        var parser = new HttpParser(HttpParserKind.Request);

        Assert.Equal(HttpParseStep.HeadComplete, parser.Read(Bytes($"GET / {version}\r\n{connection}\r\n"), out _));

        Assert.Equal(keepAlive, parser.KeepAlive);
    }

    [Fact]
    public void A_request_after_one_that_closes_the_connection_is_refused()
    {
        Assert.EndsWith(
            "done body= trailers=[] | error HPE_CLOSED_CONNECTION Data after `Connection: close`",
            HttpParserTranscript.Run(HttpParserKind.Request, "GET / HTTP/1.0\r\n\r\n\r\n" + Get),
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_upgrade_request_ends_at_its_head_and_leaves_the_new_protocols_bytes()
    {
        var parser = new HttpParser(HttpParserKind.Request);
        byte[] data = Bytes("GET /chat HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n\u0081\u0005hello");

        Assert.Equal(HttpParseStep.HeadComplete, parser.Read(data, out int consumed));
        Assert.True(parser.Upgrade);
        Assert.Equal(HttpParseStep.MessageComplete, parser.Read(data.AsSpan(consumed), out int none));

        Assert.Equal(0, none);
        Assert.Equal("\u0081\u0005hello", Encoding.Latin1.GetString(data, consumed, data.Length - consumed));
    }

    [Fact]
    public void CONNECT_is_an_upgrade_and_has_no_body_whatever_its_headers_say()
    {
        var parser = new HttpParser(HttpParserKind.Request);
        byte[] data = Bytes("CONNECT example.com:443 HTTP/1.1\r\nContent-Length: 3\r\n\r\nTLS");

        Assert.Equal(HttpParseStep.HeadComplete, parser.Read(data, out int consumed));

        Assert.Equal(("CONNECT", "example.com:443", true), (parser.Method, parser.Url, parser.Upgrade));
        Assert.Equal(HttpParseStep.MessageComplete, parser.Read(data.AsSpan(consumed), out _));
        Assert.Equal(data.Length - 3, consumed);
    }

    [Fact]
    public void An_upgrade_header_without_connection_upgrade_is_no_upgrade()
    {
        var parser = new HttpParser(HttpParserKind.Request);

        parser.Read(Bytes("GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n"), out _);

        Assert.False(parser.Upgrade);
    }

    [Fact]
    public void A_101_response_is_an_upgrade_with_no_body()
    {
        Assert.Equal(
            "head 101 Switching Protocols HTTP/1.1 [Upgrade, websocket, Connection, upgrade] keepAlive=true upgrade=true | done body= trailers=[] | upgrade at=77",
            HttpParserTranscript.Run(HttpParserKind.Response, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\nws"));
    }

    [Theory]
    // bytesParsed is Node's for the same input but for the overflow (Node: 53, as it counts to 2^64).
    [InlineData("FOO / HTTP/1.1\r\n\r\n", "HPE_INVALID_METHOD", "Invalid method encountered", 1)]
    [InlineData("GET_ / HTTP/1.1\r\n\r\n", "HPE_INVALID_METHOD", "Invalid method encountered", 4)]
    [InlineData("SETUP / HTTP/1.1\r\n\r\n", "HPE_INVALID_CONSTANT", "Invalid method for HTTP/x.x request", 12)]
    [InlineData("GET http://a@@c/ HTTP/1.1\r\n\r\n", "HPE_INVALID_URL", "Double @ in url", 14)]
    [InlineData("GETS / HTTP/1.1\r\n\r\n", "HPE_INVALID_METHOD", "Expected space after method", 3)]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "HPE_PAUSED_H2_UPGRADE", "Pause on PRI/Upgrade", 0)]
    [InlineData("GET /\u0001 HTTP/1.1\r\n\r\n", "HPE_INVALID_URL", "Invalid char in url path", 5)]
    [InlineData("GET x HTTP/1.1\r\n\r\n", "HPE_INVALID_URL", "Invalid characters in url", 6)]
    [InlineData("GET http:/x HTTP/1.1\r\n\r\n", "HPE_INVALID_URL", "Unexpected char in url schema", 10)]
    [InlineData("GET / HTTP/1.2\r\n\r\n", "HPE_INVALID_VERSION", "Invalid HTTP version", 14)]
    [InlineData("GET / HTTP/1.1\n\r\n", "HPE_INVALID_VERSION", "Expected CRLF after version", 15)]
    [InlineData("GET / HTTQ/1.1\r\n\r\n", "HPE_INVALID_CONSTANT", "Expected HTTP/, RTSP/ or ICE/", 9)]
    [InlineData("GET / HTTP/1.1\r\nHost : a\r\n\r\n", "HPE_INVALID_HEADER_TOKEN", "Invalid header token", 20)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", "HPE_INVALID_HEADER_TOKEN", "Unexpected whitespace after header value", 25)]
    [InlineData("GET / HTTP/1.1\r\nX: a\u0000b\r\n\r\n", "HPE_INVALID_HEADER_TOKEN", "Invalid header value char", 20)]
    [InlineData("GET / HTTP/1.1\r\n Host: a\r\n\r\n", "HPE_UNEXPECTED_SPACE", "Unexpected space after start line", 17)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\n\r\n", "HPE_CR_EXPECTED", "Missing expected CR after header value", 23)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", "HPE_LF_EXPECTED", "Missing expected LF after header value", 24)]
    [InlineData("GET / HTTP/1.1\r\n\rX", "HPE_STRICT", "Expected LF after headers", 17)]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n", "HPE_INVALID_CONTENT_LENGTH", "Invalid character in Content-Length", 34)]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", "HPE_INVALID_CONTENT_LENGTH", "Content-Length overflow", 51)]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n", "HPE_UNEXPECTED_CONTENT_LENGTH", "Duplicate Content-Length", 52)]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n", "HPE_INVALID_CONTENT_LENGTH", "Content-Length can't be present with Transfer-Encoding", 60)]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", "HPE_INVALID_TRANSFER_ENCODING", "Transfer-Encoding can't be present with Content-Length", 54)]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", "HPE_INVALID_TRANSFER_ENCODING", "Invalid `Transfer-Encoding` header value", 44)]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n", "HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size", 0)]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n80000000000000000\r\n", "HPE_INVALID_CHUNK_SIZE", "Chunk size overflow", 15)]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\naX", "HPE_STRICT", "Expected LF after chunk data", 0)]
    public void Bad_input_is_llhttps_error_with_its_reason(string text, string code, string reason, int bytesParsed)
    {
        var parser = new HttpParser(HttpParserKind.Request);
        byte[] data = Bytes(text);
        HttpParseStep step;
        int consumed = 0;
        do
        {
            data = data[consumed..];
            step = parser.Read(data, out consumed);
        }
        while (step is not (HttpParseStep.Error or HttpParseStep.NeedMore));

        Assert.Equal(HttpParseStep.Error, step);
        HttpParseException error = parser.Error!;
        Assert.Equal((code, reason, bytesParsed), (error.Code, error.Reason, error.BytesParsed));
        Assert.Equal("Parse Error: " + reason, error.Message);
        Assert.Equal(HttpParseStep.Error, parser.Read(Bytes(Get), out consumed));
        Assert.Equal(0, consumed);
        Assert.Equal(HttpParseStep.Error, parser.Finish());
        Assert.Same(error, parser.Error);
    }

    [Theory]
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003", "HPE_INVALID_METHOD")] // a TLS ClientHello
    [InlineData("GET /a\u0001", "HPE_INVALID_URL")]
    [InlineData("GET / HTTP/1.1\r\nHost : ", "HPE_INVALID_HEADER_TOKEN")]
    [InlineData("GET / HTTP/1.1\r\nContent-Length: 1x", "HPE_INVALID_CONTENT_LENGTH")]
    [InlineData("GET / HTTP/1.\r", "HPE_INVALID_VERSION")]
    public void A_bad_byte_is_reported_as_it_arrives_not_when_its_line_ends(string text, string code)
    {
        // As llhttp: a peer that is not speaking HTTP hears so at once, not once it has sent a line end or the limit.
        var parser = new HttpParser(HttpParserKind.Request);

        Assert.Equal(HttpParseStep.Error, parser.Read(Bytes(text), out _));

        Assert.Equal(code, parser.Error!.Code);
    }

    [Fact]
    public void A_line_not_ended_yet_changes_nothing_until_it_ends()
    {
        var parser = new HttpParser(HttpParserKind.Request);
        byte[] data = Bytes("GET / HTTP/1.1\r\nContent-Length: 12");

        Assert.Equal(HttpParseStep.NeedMore, parser.Read(data, out _));
        Assert.Equal(HttpParseStep.NeedMore, parser.Read(Bytes("3\r"), out _));
        Assert.Equal(HttpParseStep.HeadComplete, parser.Read(Bytes("\n\r\n"), out _));

        Assert.Equal(123, parser.ContentLength);
        Assert.Equal(["Content-Length", "123"], parser.RawHeaders);
    }

    [Fact]
    public void A_request_whose_last_coding_is_not_chunked_is_refused_after_its_head()
    {
        Assert.Equal(
            "head POST / HTTP/1.1 [Transfer-Encoding, gzip] keepAlive=true upgrade=false | error HPE_INVALID_TRANSFER_ENCODING Request has invalid `Transfer-Encoding`",
            HttpParserTranscript.Run(HttpParserKind.Request, "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nbody"));
    }

    [Fact]
    public void A_response_whose_last_coding_is_not_chunked_runs_to_EOF()
    {
        Assert.Equal(
            "head 200 OK HTTP/1.1 [Transfer-Encoding, gzip] keepAlive=false upgrade=false | done body=body trailers=[] | eof",
            HttpParserTranscript.Run(HttpParserKind.Response, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nbody", eof: true));
    }

    [Theory]
    [InlineData(31, "head")]  // URL 1 + "Host" 4 + "X" 1 + 31 = 37: under the limit of 38
    [InlineData(32, "error HPE_HEADER_OVERFLOW Header overflow")] // 38: Node refuses a count that reaches the limit
    public void The_header_limit_counts_what_Node_counts(int valueLength, string expected)
    {
        var parser = new HttpParser(HttpParserKind.Request, maxHeaderSize: 38);
        string request = $"GET / HTTP/1.1\r\nHost:\r\nX: {new string('v', valueLength)}\r\n\r\n";

        HttpParseStep step = parser.Read(Bytes(request), out _);

        Assert.StartsWith(expected, step == HttpParseStep.HeadComplete ? "head" : $"error {parser.Error!.Code} {parser.Error.Reason}", StringComparison.Ordinal);
    }

    [Fact]
    public void A_head_line_never_ending_is_refused_once_it_reaches_the_limit_however_it_arrives()
    {
        const int Limit = 1024;
        var whole = new HttpParser(HttpParserKind.Request, Limit);
        var bytewise = new HttpParser(HttpParserKind.Request, Limit);
        byte[] line = Bytes("GET /" + new string('a', Limit));

        Assert.Equal(HttpParseStep.Error, whole.Read(line, out _));
        int fed = 0;
        while (bytewise.Read(line.AsSpan(fed, 1), out _) == HttpParseStep.NeedMore)
        {
            fed++;
        }

        Assert.Equal(Limit - 1, fed); // the line's first Limit - 1 bytes were held; the next one made it too long
        Assert.Equal("HPE_HEADER_OVERFLOW", whole.Error!.Code);
        Assert.Equal("HPE_HEADER_OVERFLOW", bytewise.Error!.Code);
        bytewise.Release();
    }

    [Fact]
    public void Many_headers_under_the_limit_are_read_and_one_more_is_refused()
    {
        var header = string.Concat(Enumerable.Range(0, 100).Select(i => $"X-{i:D3}: {new string('v', 150)}\r\n"));

        Assert.Equal(HttpParseStep.HeadComplete, new HttpParser(HttpParserKind.Request).Read(Bytes($"GET / HTTP/1.1\r\n{header}\r\n"), out _));
        string more = header + $"X-More: {new string('v', 1000)}\r\n";
        var parser = new HttpParser(HttpParserKind.Request);
        Assert.Equal(HttpParseStep.Error, parser.Read(Bytes($"GET / HTTP/1.1\r\n{more}\r\n"), out _));
        Assert.Equal("HPE_HEADER_OVERFLOW", parser.Error!.Code);
    }

    [Fact]
    public void Known_methods_and_header_names_are_the_literals_and_others_new_strings()
    {
        var parser = new HttpParser(HttpParserKind.Request);

        parser.Read(Bytes("DELETE / HTTP/1.1\r\nHost: a\r\nuser-agent: b\r\nContent-Type: c\r\nHOST: d\r\nX-Mine: e\r\n\r\n"), out _);

        Assert.Same("DELETE", parser.Method);
        Assert.Same("/", parser.Url);
        Assert.Same("Host", parser.RawHeaders[0]);
        Assert.Same("user-agent", parser.RawHeaders[2]);
        Assert.Same("Content-Type", parser.RawHeaders[4]);
        Assert.Equal("HOST", parser.RawHeaders[6]);
        Assert.NotSame("HOST", parser.RawHeaders[6]);
        Assert.Equal("X-Mine", parser.RawHeaders[8]);
    }

    [Fact]
    public void Each_message_gets_its_own_header_list()
    {
        var parser = new HttpParser(HttpParserKind.Request);
        byte[] data = Bytes(Get + "GET /2 HTTP/1.1\r\nHost: b\r\n\r\n");

        parser.Read(data, out int consumed);
        IReadOnlyList<string> first = parser.RawHeaders;
        parser.Read(data.AsSpan(consumed), out _);
        parser.Read(data.AsSpan(consumed), out _);

        Assert.Equal(["Host", "a"], first);
        Assert.Equal(["Host", "b"], parser.RawHeaders);
    }

    [Fact]
    public void Header_values_are_read_as_latin1_as_Node_reads_them()
    {
        var parser = new HttpParser(HttpParserKind.Request);

        parser.Read([.. Bytes("GET / HTTP/1.1\r\nX: caf"), 0xE9, .. Bytes("\r\n\r\n")], out _);

        Assert.Equal("caf\u00e9", parser.RawHeaders[1]);
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);
}
