using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Loopwire.Net;

/// <summary>
/// The client's check of the server's certificate, run by SslStream during the handshake on a pool thread (it hops
/// there, and the transport brings it back to the loop after). It only sets state the loop reads once the handshake's
/// completion has been posted back to it.
/// </summary>
public sealed partial class TlsSocket
{
    private bool ValidateServer(TlsClientOptions options, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (options.CertificateValidation is { } decide)
        {
            IsAuthorized = decide(this, certificate, chain, errors);
            AuthorizationError = IsAuthorized ? null : "rejected by TlsClientOptions.CertificateValidation";
            return IsAuthorized;
        }

        if (options.TrustedCertificates is { Count: > 0 } trusted
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
        return IsAuthorized || !options.RejectUnauthorized;
    }

    /// <summary>What was wrong, in words, with Node's code for it.</summary>
    private string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return "the server sent no certificate";
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
