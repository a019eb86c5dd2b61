using System.Text;
using Loopwire.Http;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// HttpParser on hostile input: thousands of seeded random mutations of valid requests and responses, each parsed whole,
/// in random pieces and now and then a byte at a time. None may throw or hang, and how the bytes were split must not
/// change what they parse to.
/// </summary>
public sealed class HttpParserFuzzTests
{
    private const int Rounds = 5000;

    /// <summary>The valid messages the mutations start from; HttpParserNodeTests mutates them too.</summary>
    internal static readonly (HttpParserKind Kind, string Text)[] Seeds =
    [
        (HttpParserKind.Request, "GET /index.html?q=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: fuzz\r\nAccept: */*\r\n\r\n"),
        (HttpParserKind.Request, "POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nhello world"),
        (HttpParserKind.Request, "PUT /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=\"q v\"\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Sum: 1\r\n\r\n"),
        (HttpParserKind.Request, "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\n"),
        (HttpParserKind.Request, "GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n\u0081\u0002hi"),
        (HttpParserKind.Request, "CONNECT proxy.example:443 HTTP/1.1\r\nHost: proxy.example\r\n\r\n"),
        (HttpParserKind.Response, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: fuzz\r\n\r\nhello"),
        (HttpParserKind.Response, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
        (HttpParserKind.Response, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\nrest of the body"),
        (HttpParserKind.Response, "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\nHTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: upgrade\r\n\r\nframes"),
    ];

    // Bytes that matter to the grammar, so mutations reach past the first check more often than random bytes would.
    private static readonly byte[] Telling = Encoding.Latin1.GetBytes("\r\n\r\n \t:;,=\"\\/?#0123456789aAfFzZ-\u0000\u007f\u00ff");

    [Fact]
    public void Mutated_messages_parse_to_the_same_steps_however_they_are_split()
    {
        var random = new Random(1123);
        int errors = 0, completes = 0;
        for (int round = 0; round < Rounds; round++)
        {
            (HttpParserKind kind, string text) = Seeds[random.Next(Seeds.Length)];
            byte[] input = Mutate(Encoding.Latin1.GetBytes(text), random);
            bool eof = random.Next(2) == 0;
            bool skipBody = kind == HttpParserKind.Response && random.Next(4) == 0;
            int[] splits = round % 10 == 0 ? [.. Enumerable.Range(1, Math.Max(0, input.Length - 1))] : RandomSplits(input.Length, random);

            string whole = HttpParserTranscript.Run(kind, input, skipBody, eof);
            string split = HttpParserTranscript.Run(kind, input, skipBody, eof, splits);

            Assert.True(whole == split, $"round {round}: {HttpParserTranscript.Escape(Encoding.Latin1.GetString(input))}\n  split at {string.Join(",", splits)}\n  whole: {whole}\n  split: {split}");
            errors += whole.Contains("| error", StringComparison.Ordinal) || whole.StartsWith("error", StringComparison.Ordinal) ? 1 : 0;
            completes += whole.Contains("done", StringComparison.Ordinal) ? 1 : 0;
        }

        // The mutations must reach both ends: input refused, and input (or a part of it) read through.
        Assert.InRange(errors, Rounds / 10, Rounds - (Rounds / 10));
        Assert.InRange(completes, Rounds / 10, Rounds);
    }

    /// <summary>One to three random edits: a byte replaced, inserted or removed, a run repeated, the rest cut off.</summary>
    internal static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        int mutations = 1 + random.Next(3);
        for (int i = 0; i < mutations && bytes.Count > 0; i++)
        {
            int at = random.Next(bytes.Count);
            byte any = random.Next(2) == 0 ? Telling[random.Next(Telling.Length)] : (byte)random.Next(256);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = any;
                    break;
                case 1:
                    bytes.Insert(at, any);
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    int length = random.Next(Math.Min(20, bytes.Count - at) + 1);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    // now and then a run long enough to reach the header limit
                    bytes.InsertRange(at, Enumerable.Repeat(any, random.Next(10) == 0 ? 17000 : random.Next(40)));
                    break;
            }
        }

        return [.. bytes];
    }

    private static int[] RandomSplits(int length, Random random)
    {
        if (length < 2)
        {
            return [];
        }

        return [.. Enumerable.Range(0, 1 + random.Next(6)).Select(_ => 1 + random.Next(length - 1)).Distinct().Order()];
    }
}
