using System.Text;

namespace Loopwire.Http;

/// <summary>
/// The strings a parsed head is mostly made of, as literals, so that a typical request allocates only what varies:
/// llhttp's methods, and the common header names in the two spellings clients send (<c>Content-Type</c> and
/// <c>content-type</c>). A name matches only byte for byte; any other spelling gets a new string.
/// </summary>
internal static class HttpKnownNames
{
    // llhttp's request methods (Node's http.METHODS), the common ones first: they are tried in order.
    private static readonly string[] Methods =
    [
        "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE",
        "COPY", "LOCK", "MKCOL", "MOVE", "PROPFIND", "PROPPATCH", "SEARCH", "UNLOCK", "BIND", "REBIND", "UNBIND", "ACL",
        "REPORT", "MKACTIVITY", "CHECKOUT", "MERGE", "M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "PURGE",
        "MKCALENDAR", "LINK", "UNLINK", "SOURCE", "QUERY",
    ];

    // RTSP's methods, which llhttp reads in a request line too, only to refuse them at "HTTP/".
    private static readonly string[] RtspMethods =
    [
        "DESCRIBE", "ANNOUNCE", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER", "SET_PARAMETER", "REDIRECT",
        "RECORD", "FLUSH",
    ];

    private static readonly string[] HeaderNames =
    [
        "Host", "Connection", "Accept", "User-Agent", "Accept-Encoding", "Accept-Language", "Content-Type",
        "Content-Length", "Transfer-Encoding", "Cookie", "Set-Cookie", "Cache-Control", "Pragma", "Referer", "Origin",
        "Upgrade", "Authorization", "If-None-Match", "If-Modified-Since", "Keep-Alive", "Date", "Server", "Location",
        "ETag", "Last-Modified", "Content-Encoding", "Vary", "Expect", "Range", "X-Forwarded-For", "X-Requested-With",
        "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol",
        "host", "connection", "accept", "user-agent", "accept-encoding", "accept-language", "content-type",
        "content-length", "transfer-encoding", "cookie", "set-cookie", "cache-control", "pragma", "referer", "origin",
        "upgrade", "authorization", "if-none-match", "if-modified-since", "keep-alive", "date", "server", "location",
        "etag", "last-modified", "content-encoding", "vary", "expect", "range", "x-forwarded-for", "x-requested-with",
        "sec-websocket-key", "sec-websocket-version", "sec-websocket-accept", "sec-websocket-protocol",
        "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "sec-fetch-user", "sec-ch-ua", "sec-ch-ua-mobile",
        "sec-ch-ua-platform", "upgrade-insecure-requests", "dnt", "priority",
    ];

    // The names grouped by length, so a lookup compares only the few of the same length.
    private static readonly string[][] HeaderNamesByLength = GroupByLength(HeaderNames);

    /// <summary>The method literal whose bytes <paramref name="method"/> are, or null for a method llhttp does not know.</summary>
    public static string? Method(ReadOnlySpan<byte> method)
    {
        foreach (string known in Methods)
        {
            if (known.Length == method.Length && Ascii.Equals(method, known))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="method"/> is one of RTSP's, which llhttp refuses only once it sees "HTTP/".</summary>
    public static bool IsRtspMethod(ReadOnlySpan<byte> method)
    {
        foreach (string known in RtspMethods)
        {
            if (known.Length == method.Length && Ascii.Equals(method, known))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether some method llhttp reads (HTTP's, RTSP's, PRI) starts with <paramref name="text"/>: a method not ended yet may be right.</summary>
    public static bool IsMethodStart(ReadOnlySpan<byte> text)
    {
        return "PRI"u8.StartsWith(text) || StartsSome(Methods, text) || StartsSome(RtspMethods, text);

        static bool StartsSome(string[] methods, ReadOnlySpan<byte> text)
        {
            foreach (string known in methods)
            {
                if (known.Length >= text.Length && Ascii.Equals(text, known.AsSpan(0, text.Length)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// How far llhttp's method trie follows <paramref name="text"/>: the longest start it shares with a method llhttp
    /// reads (HTTP's, RTSP's, PRI).
    /// </summary>
    public static int MethodMatchLength(ReadOnlySpan<byte> text)
    {
        int longest = text.CommonPrefixLength("PRI"u8);
        foreach (string[] methods in (string[][])[Methods, RtspMethods])
        {
            foreach (string known in methods)
            {
                int shared = 0;
                while (shared < known.Length && shared < text.Length && text[shared] == known[shared])
                {
                    shared++;
                }

                longest = Math.Max(longest, shared);
            }
        }

        return longest;
    }

    /// <summary>The header name as a string: the literal when it is a known name spelled exactly so, else a new string.</summary>
    public static string HeaderName(ReadOnlySpan<byte> name)
    {
        if (name.Length < HeaderNamesByLength.Length)
        {
            foreach (string known in HeaderNamesByLength[name.Length])
            {
                if (Ascii.Equals(name, known))
                {
                    return known;
                }
            }
        }

        return Encoding.Latin1.GetString(name);
    }

    private static string[][] GroupByLength(string[] names)
    {
        int longest = 0;
        foreach (string name in names)
        {
            longest = Math.Max(longest, name.Length);
        }

        var groups = new string[longest + 1][];
        for (int length = 0; length <= longest; length++)
        {
            groups[length] = Array.FindAll(names, name => name.Length == length);
        }

        return groups;
    }
}
