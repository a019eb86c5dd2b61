using System.Text;

namespace Loopwire.Http;

internal sealed partial class HttpParser
{
    /// <summary>A header or trailer line, or the empty line that ends them.</summary>
    private HttpParseStep ReadHeaderLine(ReadOnlySpan<byte> line, LineEnd end, int start)
    {
        bool trailer = _state == State.Trailers;
        bool unfinished = end == LineEnd.Unfinished;
        if (line.IsEmpty)
        {
            return end switch
            {
                LineEnd.Unfinished or LineEnd.PendingCr => HttpParseStep.NeedMore,
                LineEnd.CrLf => trailer ? EndMessage() : CompleteHead(),
                LineEnd.BareLf => Fail("HPE_INVALID_HEADER_TOKEN", "Invalid header field char", start),
                _ => Fail("HPE_STRICT", "Expected LF after headers", start + 1),
            };
        }

        if (line[0] is (byte)' ' or (byte)'\t')
        {
            // obs-fold, refused as llhttp does when not lenient; before any header, llhttp words it otherwise
            return _sawHeaderLine ? Fail("HPE_INVALID_HEADER_TOKEN", "Unexpected whitespace after header value", start)
                : line[0] == ' ' && !trailer ? Fail("HPE_UNEXPECTED_SPACE", "Unexpected space after start line", start + 1)
                : Fail("HPE_INVALID_HEADER_TOKEN", "Invalid header token", start);
        }

        int colon = line.IndexOfAnyExcept(TokenBytes);
        if (colon < 0)
        {
            return unfinished ? HttpParseStep.NeedMore : Fail("HPE_INVALID_HEADER_TOKEN", "Invalid header token", start + line.Length);
        }

        if (colon == 0 || line[colon] != ':')
        {
            // llhttp words a space after one of the names it reads itself differently
            string reason = line[colon] == ' ' && IsShapingHeader(line[..colon]) ? "Invalid header field char" : "Invalid header token";
            return Fail("HPE_INVALID_HEADER_TOKEN", reason, start + colon);
        }

        ReadOnlySpan<byte> name = line[..colon];
        int valueStart = colon + 1;
        if (valueStart < line.Length && line[valueStart] == ' ')
        {
            valueStart++; // the usual single space, without a search
        }

        if (valueStart < line.Length && line[valueStart] is (byte)' ' or (byte)'\t')
        {
            int more = line[valueStart..].IndexOfAnyExcept(" \t"u8);
            valueStart = more < 0 ? line.Length : valueStart + more;
        }
        ReadOnlySpan<byte> value = line[valueStart..]; // with its trailing whitespace, which Node counts
        if (value.IsEmpty && end != LineEnd.CrLf && end != LineEnd.Unfinished)
        {
            // llhttp finds a bad end of an empty value before it looks at the header
            return end switch
            {
                LineEnd.BareLf => Fail("HPE_INVALID_HEADER_TOKEN", "Invalid header value char", start + line.Length + 1),
                LineEnd.LoneCr => Fail("HPE_STRICT", "Expected LF after CR", start + line.Length + 1),
                _ => HttpParseStep.NeedMore,
            };
        }

        if (ReadShapingHeader(name, value, start + colon + 1, start + valueStart, end) == HttpParseStep.Error)
        {
            return HttpParseStep.Error;
        }

        int bad = value.IndexOfAny(BadValueBytes);
        if (bad >= 0)
        {
            return Fail("HPE_INVALID_HEADER_TOKEN", "Invalid header value char", start + valueStart + bad);
        }

        switch (end)
        {
            case LineEnd.Unfinished or LineEnd.PendingCr:
                return HttpParseStep.NeedMore;
            case LineEnd.BareLf:
                return Fail("HPE_CR_EXPECTED", "Missing expected CR after header value", start + line.Length);
            case LineEnd.LoneCr:
                return Fail("HPE_LF_EXPECTED", "Missing expected LF after header value", start + line.Length + 1);
        }

        _headerBytes += name.Length + value.Length;
        if (_headerBytes >= _maxHeaderSize)
        {
            return Fail("HPE_HEADER_OVERFLOW", "Header overflow", start + line.Length);
        }

        _sawHeaderLine = true;
        ReadOnlySpan<byte> trimmed = value.TrimEnd(" \t"u8);
        List<string> list = trailer ? _trailers ??= new List<string>(4) : _headers ??= new List<string>(16);
        list.Add(HttpKnownNames.HeaderName(name));
        list.Add(trimmed.IsEmpty ? "" : Encoding.Latin1.GetString(trimmed));
        return HttpParseStep.NeedMore;
    }

    /// <summary>Whether <paramref name="name"/> is one of the headers that shape the message, as llhttp reads them.</summary>
    private static bool IsShapingHeader(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "content-length"u8) || Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8)
        || Ascii.EqualsIgnoreCase(name, "connection"u8) || Ascii.EqualsIgnoreCase(name, "proxy-connection"u8)
        || Ascii.EqualsIgnoreCase(name, "upgrade"u8);

    /// <summary>
    /// The headers that shape the message: Content-Length, Transfer-Encoding, Connection (and Proxy-Connection, which
    /// llhttp reads as Connection) and Upgrade. <paramref name="value"/> still has its trailing whitespace, which llhttp
    /// reads as part of the last option; <paramref name="afterColon"/> is where llhttp reports the two headers that
    /// cannot go together. A line whose end is not known yet changes nothing.
    /// </summary>
    private HttpParseStep ReadShapingHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int afterColon, int start, LineEnd end)
    {
        bool decided = Decided(end);
        switch (name.Length)
        {
            case 14 when Ascii.EqualsIgnoreCase(name, "content-length"u8):
                return (_flags & HeadFlags.TransferEncoding) != 0
                    ? Fail("HPE_INVALID_CONTENT_LENGTH", "Content-Length can't be present with Transfer-Encoding", afterColon)
                    : ReadContentLength(value, start, end);
            case 17 when (_flags & HeadFlags.ContentLength) != 0 && Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8):
                return Fail("HPE_INVALID_TRANSFER_ENCODING", "Transfer-Encoding can't be present with Content-Length", afterColon);
            case 17 when Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8):
                return ReadTransferEncoding(value, start, end);
            case 10 when decided && Ascii.EqualsIgnoreCase(name, "connection"u8):
            case 16 when decided && Ascii.EqualsIgnoreCase(name, "proxy-connection"u8):
                ReadConnection(value);
                break;
            case 7 when decided && Ascii.EqualsIgnoreCase(name, "upgrade"u8):
                _flags |= HeadFlags.UpgradeHeader;
                break;
        }

        return HttpParseStep.NeedMore;
    }

    /// <summary>1*DIGIT, and only once: llhttp refuses even two equal Content-Lengths.</summary>
    private HttpParseStep ReadContentLength(ReadOnlySpan<byte> value, int start, LineEnd end)
    {
        if ((_flags & HeadFlags.ContentLength) != 0)
        {
            return Fail("HPE_UNEXPECTED_CONTENT_LENGTH", "Duplicate Content-Length", start);
        }

        // Only spaces may follow the digits, as llhttp reads them. A value not ended yet is read up to its first space,
        // which may end it or be followed by more.
        int space = end == LineEnd.Unfinished ? value.IndexOf((byte)' ') : -1;
        ReadOnlySpan<byte> digits = end != LineEnd.Unfinished ? value.TrimEnd((byte)' ') : space < 0 ? value : value[..space];
        if (digits.IsEmpty && end != LineEnd.Unfinished)
        {
            return Fail("HPE_INVALID_CONTENT_LENGTH", "Empty Content-Length", start);
        }

        long length = 0;
        for (int at = 0; at < digits.Length; at++)
        {
            int digit = digits[at] - '0';
            if ((uint)digit > 9)
            {
                return Fail("HPE_INVALID_CONTENT_LENGTH", "Invalid character in Content-Length", start + at);
            }

            if (length > (long.MaxValue - digit) / 10)
            {
                return Fail("HPE_INVALID_CONTENT_LENGTH", "Content-Length overflow", start + at);
            }

            length = length * 10 + digit;
        }

        int after = space < 0 ? -1 : value[space..].IndexOfAnyExcept((byte)' ');
        if (after >= 0)
        {
            return Fail("HPE_INVALID_CONTENT_LENGTH", "Invalid character in Content-Length", start + space + after);
        }

        if (Decided(end))
        {
            _contentLength = length;
            _flags |= HeadFlags.ContentLength;
        }

        return HttpParseStep.NeedMore;
    }

    /// <summary>
    /// The codings, comma-separated: chunked when the last one is. A request's chunked must be last (llhttp refuses
    /// anything after it, here or in a later Transfer-Encoding header); a response's is then just not chunked.
    /// </summary>
    private HttpParseStep ReadTransferEncoding(ReadOnlySpan<byte> value, int start, LineEnd end)
    {
        if (value.IsEmpty)
        {
            return HttpParseStep.NeedMore; // llhttp notes no coding, so no Transfer-Encoding at all
        }

        HeadFlags flags = _flags | HeadFlags.TransferEncoding;
        for (int at = 0; at <= value.Length;)
        {
            if ((flags & HeadFlags.Chunked) != 0)
            {
                if (_kind == HttpParserKind.Request)
                {
                    return Fail("HPE_INVALID_TRANSFER_ENCODING", "Invalid `Transfer-Encoding` header value", start + at);
                }

                flags &= ~HeadFlags.Chunked;
            }

            int comma = value[at..].IndexOf((byte)',');
            if (comma < 0 && end == LineEnd.Unfinished)
            {
                break; // the last coding may not have ended
            }

            int codingEnd = comma < 0 ? value.Length : at + comma;
            if (Ascii.EqualsIgnoreCase(Option(value[at..codingEnd]), "chunked"u8))
            {
                flags |= HeadFlags.Chunked;
            }

            at = codingEnd + 1;
        }

        if (Decided(end))
        {
            _flags = flags;
        }

        return HttpParseStep.NeedMore;
    }

    /// <summary>Connection's comma-separated options; close, keep-alive and upgrade matter.</summary>
    private void ReadConnection(ReadOnlySpan<byte> value)
    {
        for (int at = 0; at <= value.Length;)
        {
            int comma = value[at..].IndexOf((byte)',');
            int end = comma < 0 ? value.Length : at + comma;
            ReadOnlySpan<byte> option = Option(value[at..end]);
            if (Ascii.EqualsIgnoreCase(option, "close"u8))
            {
                _flags |= HeadFlags.ConnectionClose;
            }
            else if (Ascii.EqualsIgnoreCase(option, "keep-alive"u8))
            {
                _flags |= HeadFlags.ConnectionKeepAlive;
            }
            else if (Ascii.EqualsIgnoreCase(option, "upgrade"u8))
            {
                _flags |= HeadFlags.ConnectionUpgrade;
            }

            at = end + 1;
        }
    }

    /// <summary>
    /// An option of a comma-separated list without its whitespace: before it SP or HTAB, after it SP only, as llhttp
    /// reads them (<c>close\t</c> is not <c>close</c> there, nor <c>chunked\t</c> chunked).
    /// </summary>
    private static ReadOnlySpan<byte> Option(ReadOnlySpan<byte> text) => text.TrimStart(" \t"u8).TrimEnd((byte)' ');

    /// <summary>Publishes the head and decides how its body is read, as llhttp's <c>after_headers_complete</c>.</summary>
    private HttpParseStep CompleteHead()
    {
        bool request = _kind == HttpParserKind.Request;
        bool connect = ReferenceEquals(_method, "CONNECT");
        bool skipBody = !request && ExpectNoBody;
        bool chunked = (_flags & HeadFlags.Chunked) != 0;
        bool hasLength = (_flags & HeadFlags.ContentLength) != 0;
        bool upgrade = (_flags & (HeadFlags.UpgradeHeader | HeadFlags.ConnectionUpgrade)) == (HeadFlags.UpgradeHeader | HeadFlags.ConnectionUpgrade)
            ? request || _statusCode == 101
            : connect;

        Method = _method;
        Url = _url;
        VersionMajor = 1;
        VersionMinor = _versionMinor;
        StatusCode = _statusCode;
        StatusMessage = _statusMessage;
        RawHeaders = _headers ?? (IReadOnlyList<string>)Array.Empty<string>();
        ContentLength = hasLength ? _contentLength : -1;
        Chunked = chunked;
        Upgrade = upgrade;
        KeepAlive = ShouldKeepAlive(skipBody: false); // llhttp reports it before on_headers_complete can skip the body
        _keepsAlive = ShouldKeepAlive(skipBody);
        _headers = null;
        ReturnLineBuffer();

        if ((upgrade && (connect || skipBody || !(chunked || _contentLength > 0))) || _statusCode is 100 or 101 or 102 or 103 or 204 or 304 || skipBody)
        {
            _state = State.MessageEnded; // the rest is another protocol's, or there is no body
        }
        else if (chunked)
        {
            _state = State.ChunkSize;
        }
        else if ((_flags & HeadFlags.TransferEncoding) != 0)
        {
            _state = request ? State.TransferEncodingRefused : State.EofBody; // RFC 9112 6.3
        }
        else if (!hasLength)
        {
            _state = NeedsEof(skipBody) ? State.EofBody : State.MessageEnded;
        }
        else
        {
            _remaining = _contentLength;
            _state = _contentLength == 0 ? State.MessageEnded : State.LengthBody;
        }

        return HttpParseStep.HeadComplete;
    }

    /// <summary>llhttp's <c>message_needs_eof</c>: a response whose end only EOF can tell.</summary>
    private bool NeedsEof(bool skipBody)
    {
        if (_kind == HttpParserKind.Request || _statusCode / 100 == 1 || _statusCode is 204 or 304 || skipBody)
        {
            return false;
        }

        if ((_flags & (HeadFlags.TransferEncoding | HeadFlags.Chunked)) == HeadFlags.TransferEncoding)
        {
            return true;
        }

        return (_flags & (HeadFlags.Chunked | HeadFlags.ContentLength)) == 0;
    }

    /// <summary>llhttp's <c>should_keep_alive</c>.</summary>
    private bool ShouldKeepAlive(bool skipBody)
    {
        bool keep = _versionMinor == 1
            ? (_flags & HeadFlags.ConnectionClose) == 0
            : (_flags & HeadFlags.ConnectionKeepAlive) != 0;
        return keep && !NeedsEof(skipBody);
    }
}
