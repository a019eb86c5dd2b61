namespace Loopwire.Http;

/// <summary>
/// Where a <see cref="ClientRequest"/> goes and how, as the options of Node's <c>http.request</c>. Start from
/// <see cref="FromUrl"/> and change what you need with <c>with</c>, as Node's <c>http.request(url, options)</c> lets
/// options override the URL's parts: <c>ClientRequestOptions.FromUrl("http://127.0.0.1:8080/items") with { Method = "POST" }</c>.
/// An <c>https:</c> URL, or <see cref="Protocol"/> <c>"https:"</c>, makes it an HTTPS request, as Node's
/// <c>https.request</c>, checked with <see cref="Tls"/>'s settings.
/// </summary>
public sealed record ClientRequestOptions
{
    private const string Http = "http:";
    private const string Https = "https:";

    private readonly int? _port;

    /// <summary>The method, an HTTP token; <c>GET</c> by default.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>The server's name or address, looked up when a name; <c>localhost</c> by default.</summary>
    public string Host { get; init; } = "localhost";

    /// <summary>The server's port; by default 80, or 443 for <c>https:</c> (Node's agents' <c>defaultPort</c>).</summary>
    public int Port
    {
        get => _port ?? DefaultPort;
        init => _port = value;
    }

    /// <summary>
    /// <c>"http:"</c>, the default, or <c>"https:"</c> to speak TLS to the server, as Node's <c>protocol</c> option (which
    /// picks between <c>http.request</c> and <c>https.request</c>).
    /// </summary>
    public string Protocol { get; init; } = Http;

    /// <summary>
    /// How an <c>https:</c> request checks the server and what it offers it, as Node's <c>https.request</c> takes
    /// <c>ca</c>, <c>rejectUnauthorized</c>, <c>servername</c>, <c>ALPNProtocols</c>, <c>cert</c> and <c>key</c>; null, the
    /// default, for the system's roots and <see cref="Host"/> as the server's name. Kept sockets are shared only by
    /// requests that give the same instance (or none).
    /// </summary>
    public Net.TlsClientOptions? Tls { get; init; }

    /// <summary>Whether the request speaks TLS (<see cref="Protocol"/> is <c>"https:"</c>).</summary>
    internal bool IsHttps => Protocol == Https;

    /// <summary>The protocol's port: what <see cref="Port"/> is unless set, and what the <c>Host</c> header then leaves out.</summary>
    internal int DefaultPort => IsHttps ? 443 : 80;

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
    /// Options from an <c>http:</c> or <c>https:</c> URL: its protocol, host, port (80 or 443 when none), path and
    /// query, and user information as <see cref="Auth"/>, as Node's <c>http.request(url)</c> and <c>https.request(url)</c>
    /// take them.
    /// </summary>
    /// <param name="url">An absolute <c>http:</c> or <c>https:</c> URL.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is null.</exception>
    /// <exception cref="ArgumentException">Not an absolute URL (Node's ERR_INVALID_URL), or neither <c>http:</c> nor <c>https:</c> (Node's ERR_INVALID_PROTOCOL).</exception>
    public static ClientRequestOptions FromUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.IsFile || uri.IsUnc)
        {
            throw new ArgumentException($"Invalid URL \"{url}\" (Node's ERR_INVALID_URL): give an absolute URL such as http://127.0.0.1:8080/path.", nameof(url));
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException(
                $"Protocol \"{uri.Scheme}:\" not supported. Expected \"http:\" or \"https:\" (Node's ERR_INVALID_PROTOCOL).", nameof(url));
        }

        return FromUri(uri);
    }

    /// <summary>Options from an absolute <c>http:</c> or <c>https:</c> URI already parsed and checked.</summary>
    internal static ClientRequestOptions FromUri(Uri uri)
    {
        return new ClientRequestOptions
        {
            Protocol = uri.Scheme + ":",
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

        if (Protocol != Http && Protocol != Https)
        {
            throw new ArgumentException($"Protocol \"{Protocol}\" not supported. Expected \"http:\" or \"https:\" (Node's ERR_INVALID_PROTOCOL).", nameof(Protocol));
        }

        if (IsHttps && SocketPath is not null)
        {
            throw new ArgumentException($"An https: request cannot use the Unix socket \"{SocketPath}\": TLS runs over TCP only; leave SocketPath null.", nameof(SocketPath));
        }

        if (!IsHttps && Tls is not null)
        {
            throw new ArgumentException("Tls is set on an http: request, which would be sent unencrypted: set Protocol = \"https:\" (or use an https: URL), or leave Tls null.", nameof(Tls));
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
