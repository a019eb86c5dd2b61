using System.Buffers;
using System.Text;

namespace Loopwire.Samples.HttpHello;

/// <summary>
/// An incremental HTTP/1.1 request parser for one connection: feed it each chunk as it arrives, and it reports each
/// request once its head is parsed and its body (if any) read and discarded. It keeps no strings: it finds the end of
/// a head in the chunk, checks the head in place, and remembers only what the response needs (<see cref="KeepAlive"/>).
/// A head split across chunks is gathered in a buffer of at most <see cref="MaxHeadSize"/> bytes, rented only then.
/// </summary>
/// <remarks>
/// Strict where leniency would be a risk (RFC 9112): lines end in CRLF; header names are tokens with no space before the
/// colon; values hold no control bytes; folded lines, a missing or repeated Host in HTTP/1.1, and disagreeing
/// Content-Length headers are 400; any Transfer-Encoding is 501. Empty lines before a request line are skipped.
/// Once it has reported an error it reports the same error for any further input.
/// </remarks>
internal sealed class HttpRequestParser
{
    /// <summary>The largest head accepted, request line through the blank line: 8 KiB.</summary>
    public const int MaxHeadSize = 8 * 1024;

    /// <summary>The largest body read and discarded: 1 MiB.</summary>
    public const long MaxBodySize = 1024 * 1024;

    private static readonly SearchValues<byte> TokenBytes =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // Control bytes other than HTAB, and DEL: never in a field value (RFC 9110 5.5).
    private static readonly SearchValues<byte> BadValueBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    private byte[]? _partial;    // the start of a head split across chunks
    private int _partialLength;
    private long _bodyLeft;      // body bytes still to discard
    private bool _inBody;
    private HttpParseResult _failure = HttpParseResult.NeedMore; // sticky once an error is found

    /// <summary>After <see cref="HttpParseResult.Request"/>: whether the connection stays open for another request.</summary>
    public bool KeepAlive { get; private set; }

    /// <summary>
    /// Consumes bytes from the start of <paramref name="data"/> until one request is complete, the input is bad, or
    /// the bytes run out; <paramref name="data"/> is left holding what follows (the next pipelined request).
    /// </summary>
    public HttpParseResult Read(ref ReadOnlySpan<byte> data)
    {
        if (_failure != HttpParseResult.NeedMore)
        {
            data = default;
            return _failure;
        }

        while (!data.IsEmpty)
        {
            HttpParseResult result = _inBody ? SkipBody(ref data) : ReadHead(ref data);
            if (result != HttpParseResult.NeedMore)
            {
                if (result != HttpParseResult.Request)
                {
                    _failure = result;
                    Release();
                }

                return result;
            }
        }

        return HttpParseResult.NeedMore;
    }

    /// <summary>Returns the partial-head buffer, if one is rented; the connection calls this when it closes.</summary>
    public void Release()
    {
        if (_partial is { } partial)
        {
            _partial = null;
            _partialLength = 0;
            ArrayPool<byte>.Shared.Return(partial);
        }
    }

    private HttpParseResult SkipBody(ref ReadOnlySpan<byte> data)
    {
        int skipped = (int)Math.Min(_bodyLeft, data.Length);
        data = data[skipped..];
        _bodyLeft -= skipped;
        if (_bodyLeft > 0)
        {
            return HttpParseResult.NeedMore;
        }

        _inBody = false;
        return HttpParseResult.Request;
    }

    /// <summary>Finds the blank line that ends a head, in the chunk itself or, for a split head, in the gathered bytes.</summary>
    private HttpParseResult ReadHead(ref ReadOnlySpan<byte> data)
    {
        if (_partialLength == 0)
        {
            ReadOnlySpan<byte> window = data[..Math.Min(data.Length, MaxHeadSize)];
            int end = window.IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                ReadOnlySpan<byte> head = data[..(end + 4)];
                data = data[(end + 4)..];
                return ParseHead(head);
            }

            if (data.Length >= MaxHeadSize)
            {
                return HttpParseResult.HeadTooLarge;
            }

            if (HasBareLineFeed(data, 0))
            {
                return HttpParseResult.BadRequest; // its head would never end in CRLF CRLF: say so now, not at 8 KiB
            }

            _partial ??= ArrayPool<byte>.Shared.Rent(MaxHeadSize);
            data.CopyTo(_partial);
            _partialLength = data.Length;
            data = default;
            return HttpParseResult.NeedMore;
        }

        // The terminator may straddle the old and new bytes: search from three bytes back.
        int before = _partialLength;
        int copied = Math.Min(data.Length, MaxHeadSize - before);
        data[..copied].CopyTo(_partial.AsSpan(before));
        int from = Math.Max(0, before - 3);
        int found = _partial.AsSpan(from, before + copied - from).IndexOf("\r\n\r\n"u8);
        if (found >= 0)
        {
            int headLength = from + found + 4;
            data = data[(headLength - before)..];
            _partialLength = 0;
            HttpParseResult result = ParseHead(_partial.AsSpan(0, headLength));
            Release();
            return result;
        }

        _partialLength = before + copied;
        data = data[copied..];
        if (_partialLength == MaxHeadSize)
        {
            return HttpParseResult.HeadTooLarge;
        }

        return HasBareLineFeed(_partial.AsSpan(0, _partialLength), before) ? HttpParseResult.BadRequest : HttpParseResult.NeedMore;
    }

    /// <summary>Whether a line feed at or after <paramref name="from"/> in <paramref name="head"/> lacks its carriage return.</summary>
    private static bool HasBareLineFeed(ReadOnlySpan<byte> head, int from)
    {
        for (int at = from; ; at++)
        {
            int next = head[at..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return false;
            }

            at += next;
            if (at == 0 || head[at - 1] != '\r')
            {
                return true;
            }
        }
    }

    /// <summary>Checks a whole head, which ends in CRLF CRLF, and sets what the request needs.</summary>
    private HttpParseResult ParseHead(ReadOnlySpan<byte> head)
    {
        head = head[..^2]; // every line now ends in CRLF
        while (head.StartsWith("\r\n"u8))
        {
            head = head[2..]; // empty lines before the request line
        }

        if (head.IsEmpty)
        {
            return HttpParseResult.NeedMore; // only empty lines: wait for the request line
        }

        int lineEnd = head.IndexOf("\r\n"u8);
        if (!TryParseRequestLine(head[..lineEnd], out bool http11))
        {
            return HttpParseResult.BadRequest;
        }

        head = head[(lineEnd + 2)..];
        long contentLength = 0;
        bool hasContentLength = false, hasHost = false, transferEncoding = false, close = false, keepAlive = false;
        while (!head.IsEmpty)
        {
            lineEnd = head.IndexOf("\r\n"u8);
            ReadOnlySpan<byte> line = head[..lineEnd];
            head = head[(lineEnd + 2)..];

            int colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[..colon].ContainsAnyExcept(TokenBytes))
            {
                return HttpParseResult.BadRequest; // no name, a space before the colon, a folded line, a bare CR or LF
            }

            ReadOnlySpan<byte> name = line[..colon];
            ReadOnlySpan<byte> value = line[(colon + 1)..].Trim(" \t"u8);
            if (value.ContainsAny(BadValueBytes))
            {
                return HttpParseResult.BadRequest;
            }

            if (name.Length == 4 && Ascii.EqualsIgnoreCase(name, "host"u8))
            {
                if (hasHost)
                {
                    return HttpParseResult.BadRequest;
                }

                hasHost = true;
            }
            else if (name.Length == 14 && Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!TryParseLength(value, out long length) || (hasContentLength && length != contentLength))
                {
                    return HttpParseResult.BadRequest;
                }

                hasContentLength = true;
                contentLength = length;
            }
            else if (name.Length == 17 && Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                transferEncoding = true;
            }
            else if (name.Length == 10 && Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                ReadConnection(value, ref close, ref keepAlive);
            }
        }

        if (http11 && !hasHost)
        {
            return HttpParseResult.BadRequest; // RFC 9112 3.2, and Node's requireHostHeader
        }

        if (transferEncoding)
        {
            return HttpParseResult.NotImplemented;
        }

        if (contentLength > MaxBodySize)
        {
            return HttpParseResult.BodyTooLarge;
        }

        KeepAlive = !close && (http11 || keepAlive);
        _bodyLeft = contentLength;
        _inBody = contentLength > 0;
        return _inBody ? HttpParseResult.NeedMore : HttpParseResult.Request;
    }

    /// <summary>method SP request-target SP HTTP-version, with the version HTTP/1.1 or HTTP/1.0.</summary>
    private static bool TryParseRequestLine(ReadOnlySpan<byte> line, out bool http11)
    {
        http11 = false;
        int space = line.IndexOf((byte)' ');
        if (space <= 0 || line[..space].ContainsAnyExcept(TokenBytes))
        {
            return false;
        }

        line = line[(space + 1)..];
        space = line.IndexOf((byte)' ');
        if (space <= 0 || line[..space].ContainsAnyExceptInRange((byte)0x21, (byte)0x7E))
        {
            return false;
        }

        ReadOnlySpan<byte> version = line[(space + 1)..];
        http11 = version.SequenceEqual("HTTP/1.1"u8);
        return http11 || version.SequenceEqual("HTTP/1.0"u8);
    }

    /// <summary>1*DIGIT, saturating far above the body limit so a long number cannot overflow.</summary>
    private static bool TryParseLength(ReadOnlySpan<byte> value, out long length)
    {
        length = 0;
        if (value.IsEmpty || value.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return false;
        }

        foreach (byte digit in value)
        {
            length = Math.Min(length * 10 + (digit - '0'), long.MaxValue / 100);
        }

        return true;
    }

    /// <summary>Connection is a comma-separated list of tokens; only close and keep-alive matter here.</summary>
    private static void ReadConnection(ReadOnlySpan<byte> value, ref bool close, ref bool keepAlive)
    {
        foreach (Range range in value.Split((byte)','))
        {
            ReadOnlySpan<byte> option = value[range].Trim(" \t"u8);
            close |= Ascii.EqualsIgnoreCase(option, "close"u8);
            keepAlive |= Ascii.EqualsIgnoreCase(option, "keep-alive"u8);
        }
    }
}
