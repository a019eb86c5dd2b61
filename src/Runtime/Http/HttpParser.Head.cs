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

    /// <summary>Skips empty lines before a message, as llhttp does, then reads a request line or a status line.</summary>
    private HttpParseStep ReadStartLine(ReadOnlySpan<byte> line, LineEnd end, int start)
    {
        if (line.IsEmpty && end != LineEnd.LoneCr)
        {
            return HttpParseStep.NeedMore;
        }

        BeginHead();
        bool request = _kind == HttpParserKind.Request;
        HttpParseStep step = request ? ReadRequestLine(line, start) : ReadStatusLine(line, start);
        if (step == HttpParseStep.Error)
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
    private HttpParseStep ReadRequestLine(ReadOnlySpan<byte> line, int start)
    {
        int space = line.IndexOf((byte)' ');
        ReadOnlySpan<byte> name = space < 0 ? line : line[..space];
        string? method = HttpKnownNames.Method(name);
        if (method is null)
        {
            if (name.SequenceEqual("PRI"u8))
            {
                return Fail("HPE_PAUSED_H2_UPGRADE", "Pause on PRI/Upgrade", start); // HTTP/2's preface
            }

            int known = HttpKnownNames.MethodPrefixLength(name);
            return known > 0
                ? Fail("HPE_INVALID_METHOD", "Expected space after method", start + known)
                : Fail("HPE_INVALID_METHOD", "Invalid method encountered", start);
        }

        if (space < 0)
        {
            return Fail("HPE_INVALID_METHOD", "Expected space after method", start + line.Length);
        }

        int urlStart = SkipSpaces(line, space);
        int urlEnd = line[urlStart..].IndexOf((byte)' ');
        urlEnd = urlEnd < 0 ? line.Length : urlStart + urlEnd;
        ReadOnlySpan<byte> url = line[urlStart..urlEnd];
        if (CheckUrl(url, ReferenceEquals(method, "CONNECT"), start + urlStart) == HttpParseStep.Error)
        {
            return HttpParseStep.Error;
        }

        if (urlEnd == line.Length)
        {
            return Fail("HPE_INVALID_VERSION", "Invalid HTTP version", start + urlEnd); // HTTP/0.9: no version at all
        }

        int version = SkipSpaces(line, urlEnd);
        if (ReadVersion(line[version..], start + version) == HttpParseStep.Error)
        {
            return HttpParseStep.Error;
        }

        if (line.Length > version + 8)
        {
            return Fail("HPE_INVALID_VERSION", "Expected CRLF after version", start + version + 8);
        }

        _method = method;
        _url = url is [(byte)'/'] ? "/" : Encoding.Latin1.GetString(url);
        _headerBytes = url.Length;
        return HttpParseStep.NeedMore;
    }

    /// <summary>HTTP-version, a space, a three-digit status code, then a space and the reason phrase, or nothing.</summary>
    private HttpParseStep ReadStatusLine(ReadOnlySpan<byte> line, int start)
    {
        if (ReadVersion(line, start) == HttpParseStep.Error)
        {
            return HttpParseStep.Error;
        }

        if (line.Length == 8 || line[8] != ' ')
        {
            return Fail("HPE_INVALID_VERSION", "Expected space after version", start + 8);
        }

        int status = 0;
        for (int at = 9; at < 12; at++)
        {
            if (at == line.Length || !char.IsAsciiDigit((char)line[at]))
            {
                return Fail("HPE_INVALID_STATUS", "Invalid status code", start + at);
            }

            status = status * 10 + (line[at] - '0');
        }

        ReadOnlySpan<byte> reason = default;
        if (line.Length > 12)
        {
            if (line[12] != ' ')
            {
                return Fail("HPE_INVALID_STATUS", "Invalid response status", start + 12);
            }

            reason = line[13..];
        }

        _statusCode = status;
        _statusMessage = reason.SequenceEqual("OK"u8) ? "OK" : Encoding.Latin1.GetString(reason);
        _headerBytes = reason.Length;
        return HttpParseStep.NeedMore;
    }

    /// <summary>Checks that <paramref name="text"/> starts with <c>HTTP/1.0</c> or <c>HTTP/1.1</c>, with llhttp's errors.</summary>
    private HttpParseStep ReadVersion(ReadOnlySpan<byte> text, int start)
    {
        if (!text.StartsWith("HTTP/"u8))
        {
            return Fail("HPE_INVALID_CONSTANT", "Expected HTTP/, RTSP/ or ICE/", start + text.CommonPrefixLength("HTTP/"u8));
        }

        if (text.Length < 6 || !char.IsAsciiDigit((char)text[5]))
        {
            return Fail("HPE_INVALID_VERSION", "Invalid major version", start + 5);
        }

        if (text.Length < 7 || text[6] != '.')
        {
            return Fail("HPE_INVALID_VERSION", "Expected dot", start + 6);
        }

        if (text.Length < 8 || !char.IsAsciiDigit((char)text[7]))
        {
            return Fail("HPE_INVALID_VERSION", "Invalid minor version", start + 7);
        }

        if (text[5] != '1' || text[7] > '1')
        {
            return Fail("HPE_INVALID_VERSION", "Invalid HTTP version", start + 8);
        }

        _versionMinor = text[7] - '0';
        return HttpParseStep.NeedMore;
    }

    /// <summary>
    /// A request-target: bytes 0x21 to 0x7E, starting with '/' or '*' or an absolute URL's scheme and "://"
    /// (CONNECT's authority may start with anything), with llhttp's reasons for what is wrong.
    /// </summary>
    private HttpParseStep CheckUrl(ReadOnlySpan<byte> url, bool connect, int start)
    {
        if (url.IsEmpty)
        {
            return Fail("HPE_INVALID_URL", "Invalid characters in url", start);
        }

        if (!connect && url[0] is not ((byte)'/' or (byte)'*'))
        {
            if (!char.IsAsciiLetter((char)url[0]))
            {
                return Fail("HPE_INVALID_URL", "Unexpected start char in url", start);
            }

            int wrong = SchemeError(url);
            if (wrong == url.Length && url.IndexOfAnyExcept(AsciiLetters) < 0)
            {
                return Fail("HPE_INVALID_URL", "Invalid characters in url", start + url.Length + 1); // letters only, as "GET x"
            }

            if (wrong >= 0)
            {
                return Fail("HPE_INVALID_URL", "Unexpected char in url schema", start + wrong);
            }
        }

        int bad = url.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E);
        if (bad < 0)
        {
            return HttpParseStep.NeedMore;
        }

        ReadOnlySpan<byte> before = url[..bad];
        string reason = url[bad] is (byte)'\t' or (byte)'\f' ? "Invalid characters in url"
            : before.EndsWith("#"u8) ? "Invalid char in url fragment start"
            : before.Contains((byte)'#') ? "Invalid char in url fragment"
            : before.Contains((byte)'?') ? "Invalid char in url query"
            : "Invalid char in url path";
        return Fail("HPE_INVALID_URL", reason, start + bad);
    }

    /// <summary>Where an absolute URL's scheme and "://" go wrong, or -1 when they do not.</summary>
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
