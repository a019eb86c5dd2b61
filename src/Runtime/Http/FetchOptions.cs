using Loopwire.Net;

namespace Loopwire.Http;

/// <summary>How <see cref="HttpFetch.FetchAsync"/> makes its request: the <c>init</c> of Node's <c>fetch(url, init)</c>.</summary>
public sealed record FetchOptions
{
    /// <summary>The method; <c>GET</c> by default. <c>CONNECT</c>, <c>TRACE</c> and <c>TRACK</c> are refused, as fetch refuses them.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Headers to send, over fetch's defaults (<c>accept: */*</c>, <c>accept-encoding: gzip, deflate</c>, ...); null for none.</summary>
    public IEnumerable<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary>The body: a string or bytes (see <see cref="FetchBody"/>); null, the default, for none. A GET or HEAD may have none.</summary>
    public FetchBody? Body { get; init; }

    /// <summary>What to do with a redirect; <see cref="FetchRedirect.Follow"/> by default.</summary>
    public FetchRedirect Redirect { get; init; }

    /// <summary>The agent whose sockets the requests use (Node's <c>dispatcher</c>); null for the loop's <see cref="HttpAgent.Global"/>.</summary>
    public HttpAgent? Agent { get; init; }

    /// <summary>How <c>https:</c> servers are checked (see <see cref="ClientRequestOptions.Tls"/>); null for the system's roots. Ignored for <c>http:</c>.</summary>
    public TlsClientOptions? Tls { get; init; }
}
