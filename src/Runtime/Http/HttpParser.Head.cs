using System.Buffers;
using System.Text;

namespace Loopwire.Http;

internal sealed partial class HttpParser
{
    private static readonly SearchValues<byte> TokenBytes =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // Control bytes other than HTAB, and DEL: never in a field value (llhttp takes bytes 0x80 to 0xFF, as obs-text).
    private static readonly SearchValues<byte> BadValueBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    private static readonly SearchValues<byte> AsciiLetters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // What llhttp takes in an absolute URL's or CONNECT's authority: unreserved, sub-delims, ':', '@', '[', ']', '%'.
    private static readonly SearchValues<byte> AuthorityBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@[]%"u8);

    // The head being read; published to the properties below when it is complete.
    private string _method = "";
    private string _url = "";
    private string _statusMessage = "";
    private int _versionMinor;
    private int _statusCode;
    private List<string>? _headers;
    private List<string>? _trailers;
    private int _headerBytes;   // what Node counts against maxHeaderSize: URL or status text, names and values
    private bool _sawHeaderLine;
    private long _contentLength;
    private HeadFlags _flags;

    /// <summary>What the headers said, as llhttp's flags.</summary>
    [Flags]
    private enum HeadFlags
    {
        None = 0,
        ContentLength = 1,
        TransferEncoding = 2,
        Chunked = 4,
        UpgradeHeader = 8,
        ConnectionClose = 16,
        ConnectionKeepAlive = 32,
        ConnectionUpgrade = 64,
    }

    /// <summary>Reads a request line or a status line, and what must end it.</summary>
    private HttpParseStep ReadStartLine(ReadOnlySpan<byte> line, LineEnd end, int start)
    {
        bool request = _kind == HttpParserKind.Request;
        if (Decided(end))
        {
            BeginHead();
        }

        HttpParseStep step = request ? ReadRequestLine(line, end, start) : ReadStatusLine(line, end, start);
        if (step == HttpParseStep.Error || !Decided(end))
        {
            return step;
        }

        if (end == LineEnd.BareLf)
        {
            return request
                ? Fail("HPE_INVALID_VERSION", "Expected CRLF after version", start + line.Length + 1)
                : Fail("HPE_CR_EXPECTED", "Missing expected CR after response line", start + line.Length);
        }

        if (end == LineEnd.LoneCr)
        {
            return Fail("HPE_STRICT", request ? "Expected CRLF after version" : "Expected LF after CR", start + line.Length + 1);
        }

        if (_headerBytes >= _maxHeaderSize)
        {
            return Fail("HPE_HEADER_OVERFLOW", "Header overflow", start + line.Length);
        }

        _state = State.HeaderLines;
        return HttpParseStep.NeedMore;
    }

    private void BeginHead()
    {
        _method = "";
        _url = "";
        _statusMessage = "";
        _versionMinor = 0;
        _statusCode = 0;
        _headers = null;
        _headerBytes = 0;
        _sawHeaderLine = false;
        _contentLength = 0;
        _flags = HeadFlags.None;
    }

    /// <summary>method, one or more spaces, request-target, one or more spaces, HTTP-version.</summary>
    private HttpParseStep ReadRequestLine(ReadOnlySpan<byte> line, LineEnd end, int start)
    {
        bool unfinished = end == LineEnd.Unfinished;
        int space = line.IndexOf((byte)' ');
        ReadOnlySpan<byte> name = space < 0 ? line : line[..space];
        bool rtsp = HttpKnownNames.IsRtspMethod(name);
        string? method = rtsp ? "" : HttpKnownNames.Method(name);
        if (method is null)
        {
            if (unfinished && space < 0 && HttpKnownNames.IsMethodStart(name))
            {
                return HttpParseStep.NeedMore;
            }

            if (name.SequenceEqual("PRI"u8))
            {
                return Fail("HPE_PAUSED_H2_UPGRADE", "Pause on PRI/Upgrade", start); // HTTP/2's preface
            }

            // Where llhttp's trie of methods stops: after a whole method, a space was due; anywhere else, no method fits.
            int matched = HttpKnownNames.MethodMatchLength(name);
            ReadOnlySpan<byte> known = name[..matched];
            return HttpKnownNames.Method(known) is not null || HttpKnownNames.IsRtspMethod(known) || known.SequenceEqual("PRI"u8)
                ? Fail("HPE_INVALID_METHOD", "Expected space after method", start + matched)
                : Fail("HPE_INVALID_METHOD", "Invalid method encountered", start + matched);
        }

        if (space < 0)
        {
            return unfinished ? HttpParseStep.NeedMore : Fail("HPE_INVALID_METHOD", "Expected space after method", start + line.Length);
        }

        int urlStart = SkipSpaces(line, space);
        int urlEnd = line[urlStart..].IndexOf((byte)' ');
        urlEnd = urlEnd < 0 ? line.Length : urlStart + urlEnd;
        ReadOnlySpan<byte> url = line[urlStart..urlEnd];
        bool connect = ReferenceEquals(method, "CONNECT");
        if (connect && url.IsEmpty && urlEnd == line.Length)
        {
            // CONNECT and the end of the line: to llhttp, HTTP/0.9 with an empty authority
            return !Decided(end) ? HttpParseStep.NeedMore
                : end == LineEnd.LoneCr ? Fail("HPE_INVALID_URL", "Expected CRLF", start + line.Length + 1)
                : Fail("HPE_INVALID_VERSION", "Invalid HTTP version", start + urlEnd);
        }

        if (CheckUrl(url, connect, start + urlStart, unfinished && urlEnd == line.Length) == HttpParseStep.Error)
        {
            return HttpParseStep.Error;
        }

        if (urlEnd == line.Length)
        {
            // No version at all: HTTP/0.9, which llhttp takes and this parser does not.
            return !Decided(end) ? HttpParseStep.NeedMore
                : end == LineEnd.LoneCr ? Fail("HPE_INVALID_URL", "Expected CRLF", start + line.Length + 1)
                : Fail("HPE_INVALID_VERSION", "Invalid HTTP version", start + urlEnd);
        }

        int version = SkipSpaces(line, urlEnd);
        if (version < line.Length && line[version] is (byte)'\t' or (byte)'\f')
        {
            return Fail("HPE_INVALID_URL", "Invalid characters in url", start + version);
        }

        if (rtsp && line.Length - version >= 5 && line[version..].StartsWith("HTTP/"u8))
        {
            return Fail("HPE_INVALID_CONSTANT", "Invalid method for HTTP/x.x request", start + version + 4);
        }

        if (ReadVersion(line[version..], start + version, unfinished, out int minor) == HttpParseStep.Error)
        {
            return HttpParseStep.Error;
        }

        if (line.Length > version + 8)
        {
            return Fail("HPE_INVALID_VERSION", "Expected CRLF after version", start + version + 8);
        }

        if (Decided(end))
        {
            _versionMinor = minor;
            _method = method;
            _url = url is [(byte)'/'] ? "/" : Encoding.Latin1.GetString(url);
            _headerBytes = url.Length;
        }

        return HttpParseStep.NeedMore;
    }

    /// <summary>HTTP-version, a space, a three-digit status code, then a space and the reason phrase, or nothing.</summary>
    private HttpParseStep ReadStatusLine(ReadOnlySpan<byte> line, LineEnd end, int start)
    {
        bool unfinished = end == LineEnd.Unfinished;
        if (ReadVersion(line, start, unfinished, out int minor) == HttpParseStep.Error)
        {
            return HttpParseStep.Error;
        }

        if (line.Length <= 8 || line[8] != ' ')
        {
            return unfinished && line.Length <= 8 ? HttpParseStep.NeedMore : Fail("HPE_INVALID_VERSION", "Expected space after version", start + 8);
        }

        int status = 0;
        for (int at = 9; at < 12; at++)
        {
            if (at == line.Length && unfinished)
            {
                return HttpParseStep.NeedMore;
            }

            if (at == line.Length || !char.IsAsciiDigit((char)line[at]))
            {
                return Fail("HPE_INVALID_STATUS", "Invalid status code", start + at);
            }

            status = status * 10 + (line[at] - '0');
        }

        if ((line.Length > 12 && line[12] != ' ') || (line.Length == 12 && end == LineEnd.BareLf))
        {
            return Fail("HPE_INVALID_STATUS", "Invalid response status", start + (line.Length > 12 ? 12 : 13));
        }

        if (Decided(end))
        {
            ReadOnlySpan<byte> reason = line.Length > 12 ? line[13..] : default;
            _versionMinor = minor;
            _statusCode = status;
            _statusMessage = reason.SequenceEqual("OK"u8) ? "OK" : Encoding.Latin1.GetString(reason);
            _headerBytes = reason.Length;
        }

        return HttpParseStep.NeedMore;
    }

    /// <summary>
    /// Checks that <paramref name="text"/> starts with <c>HTTP/1.0</c> or <c>HTTP/1.1</c>, with llhttp's errors; a line
    /// not ended yet (<paramref name="unfinished"/>) may stop short of it.
    /// </summary>
    private HttpParseStep ReadVersion(ReadOnlySpan<byte> text, int start, bool unfinished, out int minor)
    {
        minor = 0;
        int matched = text.CommonPrefixLength("HTTP/"u8);
        if (matched < 5)
        {
            return unfinished && matched == text.Length
                ? HttpParseStep.NeedMore
                : Fail("HPE_INVALID_CONSTANT", "Expected HTTP/, RTSP/ or ICE/", start + matched);
        }

        // HTTP/ DIGIT "." DIGIT: each check needs its byte, which a line not ended may not have yet.
        if (text.Length == 5)
        {
            return unfinished ? HttpParseStep.NeedMore : Fail("HPE_INVALID_VERSION", "Invalid major version", start + 5);
        }

        if (!char.IsAsciiDigit((char)text[5]))
        {
            return Fail("HPE_INVALID_VERSION", "Invalid major version", start + 5);
        }

        if (text.Length == 6 || text[6] != '.')
        {
            return unfinished && text.Length == 6 ? HttpParseStep.NeedMore : Fail("HPE_INVALID_VERSION", "Expected dot", start + 6);
        }

        if (text.Length == 7 || !char.IsAsciiDigit((char)text[7]))
        {
            return unfinished && text.Length == 7 ? HttpParseStep.NeedMore : Fail("HPE_INVALID_VERSION", "Invalid minor version", start + 7);
        }

        if (text[5] != '1' || text[7] > '1')
        {
            return Fail("HPE_INVALID_VERSION", "Invalid HTTP version", start + 8);
        }

        minor = text[7] - '0';
        return HttpParseStep.NeedMore;
    }

    /// <summary>
    /// A request-target: '/' or '*' and bytes 0x21 to 0x7E; or an absolute URL, scheme "://" authority, whose
    /// authority llhttp checks more strictly; or CONNECT's authority. llhttp's reason for what is wrong, or, for a URL
    /// not ended yet (<paramref name="unfinished"/>), nothing until it is.
    /// </summary>
    private HttpParseStep CheckUrl(ReadOnlySpan<byte> url, bool connect, int start, bool unfinished)
    {
        if (url.IsEmpty)
        {
            return unfinished ? HttpParseStep.NeedMore : Fail("HPE_INVALID_URL", "Invalid characters in url", start);
        }

        int authority = 0; // where the authority starts; -1 when there is none
        if (connect)
        {
            authority = url[0] == '/' ? -1 : 0;
        }
        else if (url[0] is (byte)'/' or (byte)'*')
        {
            authority = -1;
        }
        else if (!char.IsAsciiLetter((char)url[0]))
        {
            return url[0] is (byte)'\t' or (byte)'\f'
                ? Fail("HPE_INVALID_URL", "Invalid characters in url", start + 1)
                : Fail("HPE_INVALID_URL", "Unexpected start char in url", start);
        }
        else
        {
            int wrong = SchemeError(url);
            if (wrong == url.Length && !unfinished)
            {
                return url[^1] == '/'
                    ? Fail("HPE_INVALID_URL", "Unexpected char in url schema", start + wrong)
                    : Fail("HPE_INVALID_URL", "Invalid characters in url", start + wrong + 1);
            }

            if (wrong >= 0 && wrong < url.Length)
            {
                return Fail("HPE_INVALID_URL", "Unexpected char in url schema", start + wrong);
            }

            authority = wrong < 0 ? url.IndexOf("://"u8) + 3 : url.Length;
        }

        if (authority >= 0)
        {
            ReadOnlySpan<byte> host = url[authority..];
            int hostEnd = host.IndexOfAny((byte)'/', (byte)'?');
            host = hostEnd < 0 ? host : host[..hostEnd];
            int badHost = host.IndexOfAnyExcept(AuthorityBytes);
            int doubleAt = host.IndexOf("@@"u8);
            if (doubleAt >= 0 && (badHost < 0 || doubleAt < badHost))
            {
                return Fail("HPE_INVALID_URL", "Double @ in url", start + authority + doubleAt + 2);
            }

            if (badHost >= 0)
            {
                return Fail("HPE_INVALID_URL", host[badHost] is (byte)'\t' or (byte)'\f' ? "Invalid characters in url" : "Unexpected char in url server", start + authority + badHost);
            }
        }

        int bad = url.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E);
        if (bad < 0)
        {
            return HttpParseStep.NeedMore;
        }

        ReadOnlySpan<byte> before = url[..bad];
        string reason = url[bad] is (byte)'\t' or (byte)'\f' ? "Invalid characters in url"
            : before.Contains((byte)'#') ? "Invalid char in url fragment start"
            : before.Contains((byte)'?') ? "Invalid char in url query"
            : "Invalid char in url path";
        return Fail("HPE_INVALID_URL", reason, start + bad);
    }

    /// <summary>Where an absolute URL's scheme and "://" go wrong, or -1 when they do not; the URL's length when it ends first.</summary>
    private static int SchemeError(ReadOnlySpan<byte> url)
    {
        int colon = url.IndexOfAnyExcept(AsciiLetters);
        if (colon < 0)
        {
            return url.Length;
        }

        if (url[colon] != ':')
        {
            return colon;
        }

        for (int slash = colon + 1; slash <= colon + 2; slash++)
        {
            if (slash == url.Length || url[slash] != '/')
            {
                return slash;
            }
        }

        return -1;
    }

    private static int SkipSpaces(ReadOnlySpan<byte> line, int at)
    {
        int next = line[at..].IndexOfAnyExcept((byte)' ');
        return next < 0 ? line.Length : at + next;
    }
}
