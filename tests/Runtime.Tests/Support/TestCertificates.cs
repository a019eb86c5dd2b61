using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Loopwire.Tests.Support;

/// <summary>
/// Certificates made here for the TLS tests, each once per process, with their keys as a PFX would give them: a
/// self-signed server certificate for localhost and 127.0.0.1, a test authority, a client certificate it signed, and a
/// client certificate signed by an authority nobody trusts.
/// </summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LazyServer = new(MakeServer);
    private static readonly Lazy<X509Certificate2> LazyAuthority = new(() => MakeAuthority("CN=Loopwire Test CA"));
    private static readonly Lazy<X509Certificate2> LazyClient = new(() => MakeClient(Authority, "CN=client"));
    private static readonly Lazy<X509Certificate2> LazyStranger = new(() => MakeClient(MakeAuthority("CN=Unknown CA"), "CN=stranger"));

    /// <summary>The server's: self-signed, RSA 2048, for localhost and 127.0.0.1.</summary>
    public static X509Certificate2 Server => LazyServer.Value;

    /// <summary>The authority that signs <see cref="Client"/>: what a server trusts to check client certificates.</summary>
    public static X509Certificate2 Authority => LazyAuthority.Value;

    /// <summary>A client certificate <see cref="Authority"/> signed.</summary>
    public static X509Certificate2 Client => LazyClient.Value;

    /// <summary>A client certificate signed by an authority no test trusts.</summary>
    public static X509Certificate2 Stranger => LazyStranger.Value;

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

    private static X509Certificate2 MakeAuthority(string subject)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, false, 0, critical: true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        using X509Certificate2 made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
        return WithPersistedKey(made);
    }

    private static X509Certificate2 MakeClient(X509Certificate2 authority, string subject)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: false));
        request.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // client authentication
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        using X509Certificate2 signed = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        using X509Certificate2 made = signed.CopyWithPrivateKey(key);
        return WithPersistedKey(made);
    }

    /// <summary>Through PKCS#12, so the key is a persisted one, as a certificate loaded from a file has.</summary>
    private static X509Certificate2 WithPersistedKey(X509Certificate2 made) =>
        X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), password: null);
}
