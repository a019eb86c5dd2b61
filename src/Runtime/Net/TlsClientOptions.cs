using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Loopwire.Net;

/// <summary>
/// What <see cref="TlsSocket.Connect"/> checks the server by, and what the client offers it: the options of Node's
/// <c>tls.connect</c> it has.
/// </summary>
public sealed class TlsClientOptions
{
    private static long s_lastIdentity;

    /// <summary>The name sent as SNI and checked against the certificate (Node's <c>servername</c>); the host connected to if null.</summary>
    public string? ServerName { get; init; }

    /// <summary>
    /// Whether a certificate that fails validation ends the connection (Node's <c>rejectUnauthorized</c>, true by
    /// default). When false the connection is made anyway, and <see cref="TlsSocket.IsAuthorized"/> and
    /// <see cref="TlsSocket.AuthorizationError"/> tell what was wrong.
    /// </summary>
    public bool RejectUnauthorized { get; init; } = true;

    /// <summary>
    /// Certificates to trust as roots instead of the system's (Node's <c>ca</c>): a self-signed server certificate
    /// listed here is trusted. The name is still checked.
    /// </summary>
    public X509Certificate2Collection? TrustedCertificates { get; init; }

    /// <summary>
    /// Decides instead of the default check (Node's <c>checkServerIdentity</c>, broadly): gets the certificate, its
    /// chain and .NET's findings, and returns whether to accept it. Unlike every event, it runs on a .NET pool thread:
    /// SslStream's handshake processing hops there while it runs, so it must not touch the loop or its handles.
    /// </summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>
    /// The application protocols to offer, most preferred first (Node's <c>ALPNProtocols</c>), as <c>"h2"</c> and
    /// <c>"http/1.1"</c>; the one the server picks is <see cref="TlsSocket.AlpnProtocol"/>. Null or empty: none are
    /// offered.
    /// </summary>
    public IReadOnlyList<string>? AlpnProtocols { get; init; }

    /// <summary>
    /// The certificate, with its private key, to present when the server asks for one (Node's <c>cert</c> and
    /// <c>key</c>); null to present none. It is sent as it is, whichever authorities the server names.
    /// </summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>A number for this instance, unique in the process: what an HTTP agent's pool names tell TLS settings apart by.</summary>
    internal long Identity { get; } = Interlocked.Increment(ref s_lastIdentity);
}
