using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Loopwire.Net;

/// <summary>
/// Checks the certificates and ALPN protocol names given to <see cref="TlsSocket.Connect"/> and <see cref="TlsServer"/>,
/// before any socket is made, so that bad input throws at the call and leaves nothing open.
/// </summary>
internal static class TlsArguments
{
    private const int MaxProtocolBytes = 255; // ALPN's one-byte length prefix

    /// <summary>A certificate to present as <paramref name="role"/>: it must carry its private key.</summary>
    public static X509Certificate2 VerifyCertificate(X509Certificate2 certificate, string role, string paramName)
    {
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException(
                $"The {role} certificate has no private key, so it cannot be used for TLS: load it with its key (a PFX, or X509Certificate2.CreateFromPem with the key).",
                paramName);
        }

        return certificate;
    }

    /// <summary>
    /// The ALPN protocol names as SslStream takes them, in the caller's order; null when there are none, so that none
    /// are offered. Each must be 1 to 255 bytes in UTF-8, as the protocol's length prefix allows.
    /// </summary>
    public static List<SslApplicationProtocol>? Protocols(IReadOnlyList<string>? names, string paramName)
    {
        if (names is null || names.Count == 0)
        {
            return null;
        }

        var protocols = new List<SslApplicationProtocol>(names.Count);
        foreach (string? name in names)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException(
                    "AlpnProtocols holds a null or empty name: each must be a protocol's name, as \"h2\" or \"http/1.1\".", paramName);
            }

            int length = Encoding.UTF8.GetByteCount(name);
            if (length > MaxProtocolBytes)
            {
                throw new ArgumentException(
                    $"AlpnProtocols holds a name of {length} bytes in UTF-8; ALPN allows at most {MaxProtocolBytes}: use the protocol's registered name, as \"h2\".",
                    paramName);
            }

            protocols.Add(new SslApplicationProtocol(name));
        }

        return protocols;
    }
}
