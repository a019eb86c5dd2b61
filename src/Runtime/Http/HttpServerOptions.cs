using Loopwire.Net;

namespace Loopwire.Http;

/// <summary>
/// An <see cref="HttpServer"/>'s limits and timeouts: Node's <c>http.createServer(options)</c> and the server's timeout
/// properties, with Node's defaults; and, with <see cref="Tls"/>, what makes it an HTTPS server (Node's
/// <c>https.createServer(options)</c>).
/// </summary>
public sealed class HttpServerOptions
{
    /// <summary>
    /// The certificate and TLS settings that make the server speak HTTPS, as Node's <c>https.createServer</c> takes them
    /// (<c>key</c> and <c>cert</c>, <c>ALPNProtocols</c>, <c>requestCert</c>, <c>ca</c>); null, the default, for plain HTTP.
    /// </summary>
    public TlsServerOptions? Tls { get; init; }

    /// <summary>The largest request head accepted, request line and headers, in bytes; larger is answered 431. Node's <c>maxHeaderSize</c>: 16 KiB.</summary>
    public int MaxHeaderSize { get; init; } = 16 * 1024;

    /// <summary>How long an idle kept-alive connection waits for its next request before it is closed, in milliseconds; 0 waits forever. Node's <c>keepAliveTimeout</c>: 5000.</summary>
    public double KeepAliveTimeout { get; init; } = 5000;

    /// <summary>How long a client may take to send a request's head, in milliseconds, before it is answered 408; 0 for no limit. Node's <c>headersTimeout</c>: 60000.</summary>
    public double HeadersTimeout { get; init; } = 60_000;

    /// <summary>How long a client may take to send a whole request, in milliseconds, before it is answered 408; 0 for no limit. Node's <c>requestTimeout</c>: 300000.</summary>
    public double RequestTimeout { get; init; } = 300_000;

    /// <summary>How often the two timeouts above are checked, in milliseconds, so a request may outlive them by up to this much. Node's <c>connectionsCheckingInterval</c>: 30000.</summary>
    public double ConnectionsCheckingInterval { get; init; } = 30_000;

    /// <summary>The most requests one connection serves; the response to the last says <c>Connection: close</c>. 0, the default, for no limit (Node's <c>maxRequestsPerSocket</c>).</summary>
    public int MaxRequestsPerSocket { get; init; }

    /// <summary>Whether an HTTP/1.1 request without a <c>Host</c> header is answered 400, as the RFC asks. Node's <c>requireHostHeader</c>: true.</summary>
    public bool RequireHostHeader { get; init; } = true;

    /// <summary>Checks every value, so that a bad one fails where the server is made.</summary>
    internal HttpServerOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxHeaderSize, nameof(MaxHeaderSize));
        ArgumentOutOfRangeException.ThrowIfNegative(KeepAliveTimeout, nameof(KeepAliveTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(HeadersTimeout, nameof(HeadersTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(RequestTimeout, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ConnectionsCheckingInterval, nameof(ConnectionsCheckingInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRequestsPerSocket, nameof(MaxRequestsPerSocket));
        if (RequestTimeout > 0 && HeadersTimeout > RequestTimeout)
        {
            throw new ArgumentOutOfRangeException(
                nameof(HeadersTimeout), HeadersTimeout, $"HeadersTimeout ({HeadersTimeout} ms) must not be longer than RequestTimeout ({RequestTimeout} ms), as in Node: the head is part of the request.");
        }

        return this;
    }
}
