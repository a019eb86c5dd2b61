namespace Loopwire.Http;

/// <summary>
/// Where a <see cref="ClientRequest"/> goes and how, as the options of Node's <c>http.request</c>. Start from
/// <see cref="FromUrl"/> and change what you need with <c>with</c>, as Node's <c>http.request(url, options)</c> lets
/// options override the URL's parts: <c>ClientRequestOptions.FromUrl("http://127.0.0.1:8080/items") with { Method = "POST" }</c>.
/// </summary>
public sealed record ClientRequestOptions
{
    /// <summary>The method, an HTTP token; <c>GET</c> by default.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>The server's name or address, looked up when a name; <c>localhost</c> by default.</summary>
    public string Host { get; init; } = "localhost";

    /// <summary>The server's port; 80 by default.</summary>
    public int Port { get; init; } = 80;

    /// <summary>The request target: the path and query, <c>/</c> by default. It may hold no spaces or control characters: escape them.</summary>
    public string Path { get; init; } = "/";

    /// <summary>Headers to send, set in this order before <c>Host</c> is added; null for none.</summary>
    public IEnumerable<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary><c>user:password</c> to send as Basic <c>Authorization</c> (unless that header is set); null for none.</summary>
    public string? Auth { get; init; }

    /// <summary>
    /// The agent whose sockets the request uses; null, the default, for the loop's <see cref="HttpAgent.Global"/>, which
    /// keeps sockets alive. Node's <c>agent: false</c> is a new <see cref="HttpAgent"/> of its own.
    /// </summary>
    public HttpAgent? Agent { get; init; }

    /// <summary>
    /// The socket's idle timeout in milliseconds: once the socket has been idle this long, the request emits
    /// <c>timeout</c> (it is not ended: destroy it there). Null, the default, for the agent's <see cref="HttpAgentOptions.Timeout"/>.
    /// </summary>
    public double? Timeout { get; init; }

    /// <summary>A Unix domain socket to connect to, in place of <see cref="Host"/> and <see cref="Port"/> (which still make the <c>Host</c> header); null for TCP.</summary>
    public string? SocketPath { get; init; }

    /// <summary>Whether a <c>Host</c> header is added when none is set; true by default.</summary>
    public bool SetHost { get; init; } = true;

    /// <summary>
    /// Options from an <c>http:</c> URL: its host, port (80 when none), path and query, and user information as
    /// <see cref="Auth"/>, as Node's <c>http.request(url)</c> takes them.
    /// </summary>
    /// <param name="url">An absolute <c>http:</c> URL.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is null.</exception>
    /// <exception cref="ArgumentException">Not an absolute URL (Node's ERR_INVALID_URL), or not <c>http:</c> (Node's ERR_INVALID_PROTOCOL).</exception>
    public static ClientRequestOptions FromUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.IsFile || uri.IsUnc)
        {
            throw new ArgumentException($"Invalid URL \"{url}\" (Node's ERR_INVALID_URL): give an absolute URL such as http://127.0.0.1:8080/path.", nameof(url));
        }

        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException(
                $"Protocol \"{uri.Scheme}:\" not supported. Expected \"http:\" (Node's ERR_INVALID_PROTOCOL): Loopwire has no HTTPS client yet.", nameof(url));
        }

        return new ClientRequestOptions
        {
            Host = uri.Host.TrimStart('[').TrimEnd(']'), // an IPv6 address without its URL brackets, as Node's hostname
            Port = uri.Port,
            Path = uri.PathAndQuery,
            Auth = uri.UserInfo.Length == 0 ? null : Uri.UnescapeDataString(uri.UserInfo),
        };
    }

    /// <summary>Checks the options as Node's <c>ClientRequest</c> does, with its error codes.</summary>
    internal ClientRequestOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(Method, nameof(Method));
        ArgumentNullException.ThrowIfNull(Host, nameof(Host));
        ArgumentNullException.ThrowIfNull(Path, nameof(Path));
        if (!OutgoingHeaders.IsToken(Method))
        {
            throw new ArgumentException($"Method must be a valid HTTP token [\"{Method}\"] (Node's ERR_INVALID_HTTP_TOKEN): use letters, digits and !#$%&'*+-.^_`|~ only.", nameof(Method));
        }

        if (Path.AsSpan().IndexOfAnyInRange('\0', ' ') >= 0)
        {
            throw new ArgumentException($"Request path contains unescaped characters [\"{Path}\"] (Node's ERR_UNESCAPED_CHARACTERS): escape spaces and control characters, e.g. with Uri.EscapeDataString.", nameof(Path));
        }

        if (Host.Length == 0)
        {
            throw new ArgumentException("Host is empty: give a name or an address, such as 127.0.0.1.", nameof(Host));
        }

        if (Port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port should be >= 1 and < 65536 (Node's ERR_SOCKET_BAD_PORT).");
        }

        if (Timeout is { } timeout && !(timeout >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), timeout, "Timeout must be 0 (none) or more milliseconds.");
        }

        return Method.AsSpan().ContainsAnyInRange('a', 'z') ? this with { Method = Method.ToUpperInvariant() } : this; // Node upper-cases the method
    }
}
