using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Loopwire.Tests.Support;

/// <summary>
/// Certificates made here for the TLS tests, each once per process, with their keys as a PFX would give them: a
/// self-signed server certificate for localhost and 127.0.0.1.
/// </summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LazyServer = new(MakeServer);

    /// <summary>The server's: self-signed, RSA 2048, for localhost and 127.0.0.1.</summary>
    public static X509Certificate2 Server => LazyServer.Value;

    private static X509Certificate2 MakeServer()
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        request.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        using X509Certificate2 made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return WithPersistedKey(made);
    }

    /// <summary>Through PKCS#12, so the key is a persisted one, as a certificate loaded from a file has.</summary>
    private static X509Certificate2 WithPersistedKey(X509Certificate2 made) =>
        X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), password: null);
}
