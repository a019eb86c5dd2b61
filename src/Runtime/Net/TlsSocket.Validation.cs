using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Loopwire.Net;

/// <summary>
/// The check of the peer's certificate: a client's of the server's, and a server's of a client's when it asks for one.
/// SslStream runs it during the handshake on a pool thread (it hops there, and the transport brings it back to the loop
/// after). It only sets state the loop reads once the handshake's completion has been posted back to it.
/// </summary>
public sealed partial class TlsSocket
{
    private bool ValidateServer(TlsClientOptions options, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (options.CertificateValidation is { } decide)
        {
            IsAuthorized = decide(this, certificate, chain, errors);
            AuthorizationError = IsAuthorized ? null : "rejected by TlsClientOptions.CertificateValidation";
            return Verdict(IsAuthorized);
        }

        return Verdict(Validate(options.TrustedCertificates, certificate, chain, errors) || !options.RejectUnauthorized);
    }

    /// <summary>A server's check of its client's certificate, asked for with <see cref="TlsServerOptions.RequestClientCertificate"/>.</summary>
    internal bool ValidateClient(
        X509Certificate2Collection? trusted, bool rejectUnauthorized, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        Verdict(Validate(trusted, certificate, chain, errors) || !rejectUnauthorized);

    private bool Verdict(bool accepted)
    {
        _certificateRejected = !accepted;
        return accepted;
    }

    /// <summary>Sets <see cref="IsAuthorized"/> and <see cref="AuthorizationError"/> from .NET's findings, with <paramref name="trusted"/> as the roots if given.</summary>
    private bool Validate(X509Certificate2Collection? trusted, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (trusted is { Count: > 0 }
            && (errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0
            && certificate is X509Certificate2 leaf)
        {
            // Node's 'ca': the given roots replace the system's, so a self-signed certificate listed there is trusted.
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(trusted);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (custom.Build(leaf))
            {
                errors &= ~SslPolicyErrors.RemoteCertificateChainErrors;
            }
        }

        IsAuthorized = errors == SslPolicyErrors.None;
        AuthorizationError = IsAuthorized ? null : Describe(errors, chain);
        return IsAuthorized;
    }

    /// <summary>What was wrong, in words, with Node's code for it.</summary>
    private string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            // Node's code for a client that sent none is UNABLE_TO_GET_ISSUER_CERT (its own source calls that questionable).
            return _server is null ? "the server sent no certificate" : "the client sent no certificate (Node's UNABLE_TO_GET_ISSUER_CERT)";
        }

        var reasons = new List<string>();
        if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            bool selfSigned = chain is { ChainElements.Count: 1 }
                && chain.ChainStatus.Any(status => status.Status == X509ChainStatusFlags.UntrustedRoot);
            string statuses = chain is null
                ? "chain errors"
                : string.Join(", ", chain.ChainStatus.Select(status => status.Status.ToString()).Distinct());
            reasons.Add(selfSigned
                ? $"self-signed certificate, not trusted ({statuses}; Node's DEPTH_ZERO_SELF_SIGNED_CERT)"
                : $"certificate not trusted ({statuses}; Node's UNABLE_TO_VERIFY_LEAF_SIGNATURE)");
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            reasons.Add($"the certificate is not for '{_clientOptions?.TargetHost}' (Node's ERR_TLS_CERT_ALTNAME_INVALID)");
        }

        return string.Join("; ", reasons);
    }
}
