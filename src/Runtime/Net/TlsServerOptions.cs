using System.Security.Cryptography.X509Certificates;

namespace Loopwire.Net;

/// <summary>What a <see cref="TlsServer"/> presents to its clients: the options of Node's <c>tls.createServer</c> it has.</summary>
public sealed class TlsServerOptions
{
    /// <summary>The server's certificate, with its private key (Node's <c>cert</c> and <c>key</c>).</summary>
    public required X509Certificate2 Certificate { get; init; }

    /// <summary>
    /// The application protocols the server speaks, most preferred first (Node's <c>ALPNProtocols</c>), as
    /// <c>"h2"</c> and <c>"http/1.1"</c>; the first the client also offers is <see cref="TlsSocket.AlpnProtocol"/>. A
    /// client that offers protocols but none of these fails its handshake (a <c>tlsClientError</c>); one that offers
    /// none connects without. Null or empty: ALPN is not used.
    /// </summary>
    public IReadOnlyList<string>? AlpnProtocols { get; init; }
}
