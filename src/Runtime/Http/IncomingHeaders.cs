namespace Loopwire.Http;

/// <summary>
/// Node's <c>message.headers</c> and <c>message.headersDistinct</c> from a message's raw headers (name, value, ...),
/// with the rules of Node's <c>IncomingMessage._addHeaderLine</c> for names that come more than once.
/// </summary>
internal static class IncomingHeaders
{
    // A second one is dropped: Node keeps the first (lib/_http_incoming.js, matchKnownFields).
    private static readonly HashSet<string> FirstOnly = new(StringComparer.Ordinal)
    {
        "content-type", "content-length", "user-agent", "referer", "host", "authorization", "proxy-authorization",
        "if-modified-since", "if-unmodified-since", "from", "location", "max-forwards", "retry-after", "etag",
        "last-modified", "server", "age", "expires",
    };

    /// <summary>The first value of <paramref name="name"/> (in any case), or null: one header read without building <see cref="Join"/>'s dictionary.</summary>
    public static string? First(IReadOnlyList<string> rawHeaders, string name)
    {
        for (int at = 0; at + 1 < rawHeaders.Count; at += 2)
        {
            if (rawHeaders[at].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return rawHeaders[at + 1];
            }
        }

        return null;
    }

    /// <summary>
    /// Node's <c>headers</c>: names lowercased; a repeated name's values joined with ", " (cookie's with "; "), or, for
    /// the names Node keeps once, the first value only. Node gives set-cookie as an array; here its values are joined
    /// with ", " (<see cref="Distinct"/> has them apart).
    /// </summary>
    /// <param name="rawHeaders">Name, value, name, value, ... as the parser read them.</param>
    /// <returns>A new dictionary.</returns>
    public static Dictionary<string, string> Join(IReadOnlyList<string> rawHeaders)
    {
        var headers = new Dictionary<string, string>(rawHeaders.Count / 2, StringComparer.Ordinal);
        for (int at = 0; at + 1 < rawHeaders.Count; at += 2)
        {
            string name = rawHeaders[at].ToLowerInvariant();
            string value = rawHeaders[at + 1];
            if (!headers.TryGetValue(name, out string? earlier))
            {
                headers.Add(name, value);
            }
            else if (!FirstOnly.Contains(name))
            {
                headers[name] = earlier + (name == "cookie" ? "; " : ", ") + value;
            }
        }

        return headers;
    }

    /// <summary>Node's <c>headersDistinct</c>: names lowercased, each with every value it came with, in order.</summary>
    /// <param name="rawHeaders">Name, value, name, value, ... as the parser read them.</param>
    /// <returns>A new dictionary.</returns>
    public static Dictionary<string, string[]> Distinct(IReadOnlyList<string> rawHeaders)
    {
        var headers = new Dictionary<string, string[]>(rawHeaders.Count / 2, StringComparer.Ordinal);
        for (int at = 0; at + 1 < rawHeaders.Count; at += 2)
        {
            string name = rawHeaders[at].ToLowerInvariant();
            string value = rawHeaders[at + 1];
            headers[name] = headers.TryGetValue(name, out string[]? earlier) ? [.. earlier, value] : [value];
        }

        return headers;
    }
}
