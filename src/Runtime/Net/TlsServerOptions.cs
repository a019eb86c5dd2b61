using System.Security.Cryptography.X509Certificates;

namespace Loopwire.Net;

/// <summary>What a <see cref="TlsServer"/> presents and asks of its clients: the options of Node's <c>tls.createServer</c> it has.</summary>
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

    /// <summary>
    /// Whether clients are asked for a certificate (Node's <c>requestCert</c>, false by default). It is checked against
    /// <see cref="TrustedCertificates"/>, and the result is the server side's <see cref="TlsSocket.IsAuthorized"/>,
    /// <see cref="TlsSocket.AuthorizationError"/> and <see cref="TlsSocket.GetPeerCertificate"/>.
    /// </summary>
    public bool RequestClientCertificate { get; init; }

    /// <summary>
    /// Whether a client whose certificate is missing or fails validation fails its handshake, as a
    /// <c>tlsClientError</c> (Node's <c>rejectUnauthorized</c>, true by default). Only used with
    /// <see cref="RequestClientCertificate"/>, as in Node; when false such a client connects, and the socket's
    /// <see cref="TlsSocket.IsAuthorized"/> is false.
    /// </summary>
    public bool RejectUnauthorized { get; init; } = true;

    /// <summary>
    /// Certificates to trust as roots for client certificates instead of the system's (Node's <c>ca</c>), as the
    /// authority that signed them. Only used with <see cref="RequestClientCertificate"/>.
    /// </summary>
    public X509Certificate2Collection? TrustedCertificates { get; init; }

    /// <summary>
    /// How long a client may go without traffic before its handshake completes, in milliseconds, before its connection
    /// is destroyed as a <c>tlsClientError</c> (<c>TLS handshake timeout</c>); 0 for no limit. Node's
    /// <c>handshakeTimeout</c>: 120000.
    /// </summary>
    public double HandshakeTimeout { get; init; } = 120_000;
}
