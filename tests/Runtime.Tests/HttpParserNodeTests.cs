using System.Text;
using System.Text.Json;
using Loopwire.Http;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// HttpParser against Node's own llhttp: the same inputs, valid and malformed, requests and responses, go through both
/// (Node's through tests/Runtime.Tests/Http/llhttp-cases.js), and the transcripts (heads, bodies, trailers, upgrades,
/// EOF, error codes and reasons) must be the same line for line, except for the differences listed here on purpose.
/// </summary>
public sealed class HttpParserNodeTests
{
    private const string Get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    private const string Chunked = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";

    // (kind, input, skipBody, eof): each is run whole through both parsers.
    private static readonly (HttpParserKind Kind, string Text, bool SkipBody, bool Eof)[] Cases =
    [
        Request(Get),
        Request("\r\n\r\n" + Get),
        Request("\n\n" + Get),
        Request(Get + Get + "POST /p?q=1 HTTP/1.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"),
        Request("GET / HTTP/1.1\nHost: a\n\n"),
        Request("GET / HTTP/1.1\r\nHost: a\n\r\n"),
        Request("GET / HTTP/1.1\r\nHost: a\r\n\n"),
        Request("GET / HTTP/1.1\r\n\rX"),
        Request("FOO / HTTP/1.1\r\n\r\n"),
        Request("get / HTTP/1.1\r\n\r\n"),
        Request("GETX / HTTP/1.1\r\n\r\n"),
        Request("M-SEARCH * HTTP/1.1\r\n\r\n"),
        Request("PROPFIND /d HTTP/1.1\r\nDepth: 1\r\n\r\n"),
        Request("PURGE /x HTTP/1.1\r\n\r\n"),
        Request("GET  /  HTTP/1.1\r\n\r\n"),
        Request("GET / HTTP/1.2\r\n\r\n"),
        Request("GET / HTTP/11\r\n\r\n"),
        Request("GET / HTTP/1.\r\n\r\n"),
        Request("GET / HTTP/x.1\r\n\r\n"),
        Request("GET / HTTP/1.1 \r\n\r\n"),
        Request("GET / http/1.1\r\n\r\n"),
        Request("GET /a\u0001 HTTP/1.1\r\n\r\n"),
        Request("GET /a?b\u007f HTTP/1.1\r\n\r\n"),
        Request("GET /a\u00ff HTTP/1.1\r\n\r\n"),
        Request("GET /a\tb HTTP/1.1\r\n\r\n"),
        Request("GET @ HTTP/1.1\r\n\r\n"),
        Request("GET x HTTP/1.1\r\n\r\n"),
        Request("GET http://u@h.example:80/p HTTP/1.1\r\n\r\n"),
        Request("GET http://a@@c/ HTTP/1.1\r\n\r\n"),
        Request("GET http://a\"b/ HTTP/1.1\r\n\r\n"),
        Request("CONNECT a#b HTTP/1.1\r\n\r\n"),
        Request("GET_ / HTTP/1.1\r\n\r\n"),
        Request("SETUP / HTTP/1.1\r\n\r\n"),
        Request("GET /a#b\u0001 HTTP/1.1\r\n\r\n"),
        Request("GET /a HTTP/1."),
        Request("\u0016\u0003\u0001\u0002\u0000"),
        Request("POST / HTTP/1.1\r\nContent-Length: 5\t\r\n\r\nhello"),
        Request("POST / HTTP/1.1\r\nContent-Length:\n\r\n"),
        Request("GET / HTTP/1.1\r\n\tHost: a\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nProxy-Connection: close\r\n\r\n"),
        Request(Chunked + "1;;a=b\"c\";=d\r\nx\r\n0\r\n\tX: 1\r\n\r\n"),
        Request(Chunked + "1; a\r\nx\r\n"),
        Request("GET http://a.example/b?c#d HTTP/1.1\r\n\r\n"),
        Request("GET http:/a HTTP/1.1\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nHo\"st: a\r\n\r\n"),
        Request("GET / HTTP/1.1\r\n: a\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n"),
        Request("GET / HTTP/1.1\r\n Host: a\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nX: a\u0001b\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nX: a\u007f\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nX: caf\u00e9\r\nY:\t a \t b \t\r\nZ:\r\n\r\n"),
        Request("POST / HTTP/1.1\r\nContent-Length: 003\r\n\r\nabc"),
        Request("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"),
        Request("POST / HTTP/1.1\r\nContent-Length: 3x\r\n\r\nabc"),
        Request("POST / HTTP/1.1\r\nContent-Length: \r\n\r\n"),
        Request("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
        Request("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc"),
        Request("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc"),
        Request("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nabc"),
        Request("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"),
        Request("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, CHUNKED\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
        Request("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        Request(Chunked + "3;a=b;c;d=\"e \\\" f\"\r\nabc\r\n00a\r\n0123456789\r\n0;x=y\r\nX-T: 1\r\nY-T: 2\r\n\r\n" + Get),
        Request(Chunked + "3\r\nabcX\r\n0\r\n\r\n"),
        Request(Chunked + "3\r\nabc\n0\r\n\r\n"),
        Request(Chunked + "G\r\nabc\r\n"),
        Request(Chunked + "FFFFFFFFFFFFFFFFF\r\n"),
        Request(Chunked + "3 \r\nabc\r\n"),
        Request(Chunked + "3\nabc\r\n"),
        Request(Chunked + "3;\r\nabc\r\n"),
        Request(Chunked + "3;a = b\r\nabc\r\n"),
        Request(Chunked + "3;a=b \r\nabc\r\n"),
        Request(Chunked + "3;a\n"),
        Request(Chunked + "3;a=\"b\n"),
        Request(Chunked + "1\r\na\r\n0\r\nA : b\r\n\r\n"),
        Request(Chunked + "1\r\na\r\n0\r\nContent-Length: 5\r\n\r\n"),
        Request(Chunked + "1\r\na\r\n0\r\n\r\r\n"),
        Request("GET / HTTP/1.1\r\nConnection: close\r\n\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nConnection: close\r\n\r\n" + Get),
        Request("GET / HTTP/1.0\r\n\r\n"),
        Request("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" + Get),
        Request("GET / HTTP/1.0\r\nConnection: Keep-Alive, close\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nConnection: foo, CLOSE\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nConnection: closed\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nConnection:\tfoo,,close \r\n\r\n"),
        Request("GET / HTTP/1.1\r\nConnection: close\t,foo\r\n\r\n"),
        Request("GET / HTTP/1.1\r\nConnection: close\t\r\n\r\n"),
        Request("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\t\r\n\r\n0\r\n\r\n"),
        Request("POST / HTTP/1.1\r\nTransfer-Encoding:\tgzip,\tchunked\r\n\r\n0\r\n\r\n"),
        Request("GET /chat HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n\u0081\u0000"),
        Request("GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n" + Get),
        Request("CONNECT a.example:443 HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi"),
        Request("POST / HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: h2c\r\nContent-Length: 3\r\n\r\nabcPRI"),
        Request("GET / HTTP/1.1\r\nHost: a\r\n", eof: true),
        Request("\r\n", eof: true),
        Response("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"),
        Response("HTTP/1.1 200 OK\r\n\r\nabc", eof: true),
        Response("HTTP/1.1 200\r\nConnection: close\r\n\r\nabc", eof: true),
        Response("HTTP/1.1 200  Very  OK \r\nContent-Length: 0\r\n\r\n"),
        Response("HTTP/1.1 404 Not \u0001Found\r\nContent-Length: 0\r\n\r\n"),
        Response("HTTP/1.1 20 OK\r\n\r\n"),
        Response("HTTP/1.1 2000 OK\r\n\r\n"),
        Response("HTTP/1.1 200\tOK\r\n\r\n"),
        Response("HTTP/1.1\r\n\r\n"),
        Response("HTTP/1.2 200 OK\r\n\r\n"),
        Response("XTTP/1.1 200 OK\r\n\r\n"),
        Response("HTTP/1.1 200 OK\nX: y\r\n\r\n"),
        Response("HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\n"),
        Response("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"),
        Response("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"),
        Response("HTTP/1.1 150 Odd\r\nContent-Length: 1\r\n\r\na"),
        Response("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\u0081\u0000"),
        Response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nabc", eof: true),
        Response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nEtag: x\r\n\r\n"),
        Response("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", skipBody: true),
        Response("HTTP/1.1 200 OK\r\n\r\n", skipBody: true, eof: true),
        Response("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", eof: true),
        Response("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"),
        Response("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"),
        Response("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"),
        Response("\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
    ];

    // Where HttpParser differs from llhttp on purpose: input, then what llhttp says and what HttpParser says.
    private static readonly (HttpParserKind Kind, string Text, string Node, string Loopwire)[] KnownDifferences =
    [
        // Only HTTP/1.0 and HTTP/1.1: llhttp also takes 0.9 (no version at all) and 2.0.
        (HttpParserKind.Request, "GET / HTTP/2.0\r\n\r\n",
            "head GET / HTTP/2.0 [] keepAlive=false upgrade=false | done body= trailers=[]",
            "error HPE_INVALID_VERSION Invalid HTTP version"),
        (HttpParserKind.Request, "GET /\r\n\r\n",
            "head GET / HTTP/0.9 [] keepAlive=false upgrade=false | done body= trailers=[]",
            "error HPE_INVALID_VERSION Invalid HTTP version"),
        // A Content-Length past long.MaxValue: llhttp's go to 2^64 - 1.
        (HttpParserKind.Request, "POST / HTTP/1.1\r\nContent-Length: 18446744073709551615\r\n\r\n",
            "head POST / HTTP/1.1 [Content-Length, 18446744073709551615] keepAlive=true upgrade=false",
            "error HPE_INVALID_CONTENT_LENGTH Content-Length overflow"),
    ];

    [NodeFact]
    public void Every_case_gives_the_transcript_llhttp_gives()
    {
        string[] node = RunNode(Cases.Select(c => (c.Kind, c.Text, c.SkipBody, c.Eof)));

        Assert.Equal(Cases.Length, node.Length);
        var mismatches = new List<string>();
        for (int i = 0; i < Cases.Length; i++)
        {
            (HttpParserKind kind, string text, bool skipBody, bool eof) = Cases[i];
            string loopwire = HttpParserTranscript.Run(kind, text, skipBody, eof);
            if (loopwire != node[i])
            {
                mismatches.Add($"{HttpParserTranscript.Escape(text)}\n  node:     {node[i]}\n  loopwire: {loopwire}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [NodeFact]
    public void The_known_differences_are_still_what_llhttp_does_and_what_HttpParser_does()
    {
        string[] node = RunNode(KnownDifferences.Select(d => (d.Kind, d.Text, false, false)));

        for (int i = 0; i < KnownDifferences.Length; i++)
        {
            (HttpParserKind kind, string text, string expectedNode, string expectedLoopwire) = KnownDifferences[i];
            Assert.Equal(expectedNode, node[i]);
            Assert.Equal(expectedLoopwire, HttpParserTranscript.Run(kind, text));
        }
    }

    [NodeFact]
    public void Mutated_messages_give_llhttps_transcripts_but_for_the_known_differences()
    {
        var random = new Random(7);
        var cases = new List<(HttpParserKind Kind, string Text, bool SkipBody, bool Eof)>();
        for (int i = 0; i < 3000; i++)
        {
            (HttpParserKind kind, string text) = HttpParserFuzzTests.Seeds[random.Next(HttpParserFuzzTests.Seeds.Length)];
            byte[] input = HttpParserFuzzTests.Mutate(Encoding.Latin1.GetBytes(text), random);
            cases.Add((kind, Encoding.Latin1.GetString(input), kind == HttpParserKind.Response && random.Next(4) == 0, random.Next(2) == 0));
        }

        string[] node = RunNode(cases);

        var unexplained = new List<string>();
        int known = 0;
        for (int i = 0; i < cases.Count; i++)
        {
            (HttpParserKind kind, string text, bool skipBody, bool eof) = cases[i];
            string loopwire = HttpParserTranscript.Run(kind, text, skipBody, eof);
            if (loopwire == node[i])
            {
                continue;
            }

            // Where the two first part, HttpParser must be refusing what llhttp takes on purpose: a request line with
            // no version or another than 1.0 and 1.1, a response line ended by CR CR, or a line as long as the header
            // limit (llhttp checks the limit only when it hands a name or value over, after a bad byte further on).
            string[] ours = loopwire.Split(" | ");
            string[] theirs = node[i].Split(" | ");
            int same = 0;
            while (same < ours.Length && same < theirs.Length && ours[same] == theirs[same])
            {
                same++;
            }

            string parting = same < ours.Length ? ours[same] : "";
            if (parting == "error HPE_INVALID_VERSION Invalid HTTP version"
                || (kind == HttpParserKind.Response && parting == "error HPE_STRICT Expected LF after CR" && text.Contains("\r\r", StringComparison.Ordinal))
                || (parting.EndsWith("overflow", StringComparison.OrdinalIgnoreCase) && text.Length >= HttpParser.DefaultMaxHeaderSize))
            {
                known++;
                continue;
            }

            unexplained.Add($"{HttpParserTranscript.Escape(text)}\n  node:     {node[i]}\n  loopwire: {loopwire}");
        }

        Assert.True(unexplained.Count == 0, string.Join("\n", unexplained));
        Assert.InRange(known, 0, cases.Count / 50);
    }

    private static (HttpParserKind, string, bool, bool) Request(string text, bool eof = false) =>
        (HttpParserKind.Request, text, false, eof);

    private static (HttpParserKind, string, bool, bool) Response(string text, bool skipBody = false, bool eof = false) =>
        (HttpParserKind.Response, text, skipBody, eof);

    private static string[] RunNode(IEnumerable<(HttpParserKind Kind, string Text, bool SkipBody, bool Eof)> cases)
    {
        var input = cases.Select(c => new
        {
            kind = c.Kind == HttpParserKind.Request ? "request" : "response",
            data = Convert.ToBase64String(Encoding.Latin1.GetBytes(c.Text)),
            skipBody = c.SkipBody,
            eof = c.Eof,
        });
        string script = Path.Combine(Programs.RepositoryRoot, "tests", "Runtime.Tests", "Http", "llhttp-cases.js");
        ProgramOutput output = Programs.Succeeded(Programs.RunNode(JsonSerializer.SerializeToUtf8Bytes(input), script));
        return Programs.Lines(output.Text);
    }
}
