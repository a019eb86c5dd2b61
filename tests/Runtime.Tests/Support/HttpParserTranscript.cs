using System.Text;
using Loopwire.Http;

namespace Loopwire.Tests.Support;

/// <summary>
/// Feeds bytes to an <see cref="HttpParser"/> the way a connection does (in pieces, each read again from what the last
/// step left) and writes what it reported as one line: heads, bodies with trailers, upgrades, EOF and errors, in the
/// format tests/Runtime.Tests/Http/llhttp-cases.js writes Node's llhttp with.
/// </summary>
internal static class HttpParserTranscript
{
    /// <summary>The transcript of <paramref name="input"/> fed in pieces ending at <paramref name="splits"/> (none: whole).</summary>
    public static string Run(HttpParserKind kind, byte[] input, bool skipBody = false, bool eof = false, IReadOnlyList<int>? splits = null)
    {
        var parser = new HttpParser(kind);
        try
        {
            return Run(parser, kind, input, skipBody, eof, splits ?? []);
        }
        finally
        {
            parser.Release();
        }
    }

    /// <summary>The transcript of <paramref name="text"/> (latin1) fed whole.</summary>
    public static string Run(HttpParserKind kind, string text, bool skipBody = false, bool eof = false) =>
        Run(kind, Encoding.Latin1.GetBytes(text), skipBody, eof);

    /// <summary>Printable ASCII as it is, any other character (a latin1 byte) and the backslash as \xHH.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is >= ' ' and <= '~' and not '\\')
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append(@"\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    private static string Run(HttpParser parser, HttpParserKind kind, byte[] input, bool skipBody, bool eof, IReadOnlyList<int> splits)
    {
        var events = new List<string>();
        var body = new List<byte>();
        bool upgrading = false;
        int pieceStart = 0;
        foreach (int pieceEnd in splits.Append(input.Length))
        {
            ReadOnlySpan<byte> data = input.AsSpan(pieceStart, pieceEnd - pieceStart);
            int dataStart = pieceStart;
            pieceStart = pieceEnd;
            while (true)
            {
                parser.ExpectNoBody = skipBody;
                HttpParseStep step = parser.Read(data, out int consumed);
                ReadOnlySpan<byte> read = data;
                data = data[consumed..];
                dataStart += consumed;
                switch (step)
                {
                    case HttpParseStep.NeedMore:
                        Assert.Equal(0, data.Length);
                        break;
                    case HttpParseStep.HeadComplete:
                        events.Add(Head(parser, kind));
                        upgrading = parser.Upgrade || parser.StatusCode == 101;
                        continue;
                    case HttpParseStep.Body:
                        Assert.Equal(parser.BodyStart + parser.BodyLength, consumed);
                        body.AddRange(read.Slice(parser.BodyStart, parser.BodyLength));
                        continue;
                    case HttpParseStep.MessageComplete:
                        events.Add(Done(parser, body));
                        if (upgrading)
                        {
                            events.Add($"upgrade at={dataStart}");
                            return string.Join(" | ", events);
                        }

                        continue;
                    case HttpParseStep.Error:
                        Assert.InRange(parser.Error!.BytesParsed, 0, read.Length);
                        events.Add($"error {parser.Error!.Code} {parser.Error.Reason}");
                        Assert.Equal(HttpParseStep.Error, parser.Read(data, out _));
                        return string.Join(" | ", events);
                }

                break;
            }
        }

        if (eof)
        {
            HttpParseStep end = parser.Finish();
            if (end == HttpParseStep.MessageComplete)
            {
                events.Add(Done(parser, body));
                end = parser.Finish();
            }

            events.Add(end == HttpParseStep.Error ? $"error {parser.Error!.Code} {parser.Error.Reason}" : "eof");
        }

        return string.Join(" | ", events);
    }

    private static string Head(HttpParser parser, HttpParserKind kind)
    {
        string start = kind == HttpParserKind.Request ? $"{parser.Method} {Escape(parser.Url)}" : $"{parser.StatusCode} {Escape(parser.StatusMessage)}";
        return $"head {start} HTTP/{parser.VersionMajor}.{parser.VersionMinor} {List(parser.RawHeaders)} " +
            $"keepAlive={(parser.KeepAlive ? "true" : "false")} upgrade={(parser.Upgrade ? "true" : "false")}";
    }

    private static string Done(HttpParser parser, List<byte> body)
    {
        string text = Encoding.Latin1.GetString(body.ToArray());
        body.Clear();
        return $"done body={Escape(text)} trailers={List(parser.RawTrailers)}";
    }

    private static string List(IReadOnlyList<string> items) => "[" + string.Join(", ", items.Select(Escape)) + "]";
}
