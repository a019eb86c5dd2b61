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

    /// <summary>The length of the longest known method that <paramref name="text"/> starts with and is longer than; 0 when none.</summary>
    public static int MethodPrefixLength(ReadOnlySpan<byte> text)
    {
        int longest = 0;
        foreach (string known in Methods)
        {
            if (known.Length < text.Length && known.Length > longest && Ascii.Equals(text[..known.Length], known))
            {
                longest = known.Length;
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
