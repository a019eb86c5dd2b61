using System.Security.Cryptography.X509Certificates;
using System.Text;
using Loopwire.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Client certificates (mutual TLS), as Node's <c>requestCert</c>, <c>rejectUnauthorized</c> and <c>ca</c> on a server
/// and <c>cert</c>/<c>key</c> on a client: a certificate signed by the authority the server trusts is accepted, a
/// missing or untrusted one fails only that handshake (a <c>tlsClientError</c>), or with <c>RejectUnauthorized = false</c>
/// connects and says why; each side sees the other's certificate.
/// </summary>
public sealed class TlsMutualTests
{
    private static readonly X509Certificate2Collection TrustServer = [TestCertificates.Server];

    private static TlsServerOptions Requiring => Requesting(rejectUnauthorized: true);

    [Fact]
    public void A_client_certificate_the_server_trusts_is_accepted_and_each_side_sees_the_others()
    {
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        (bool Authorized, string? Error, string? Peer)? onServer = null;
        string? serverSeen = null;
        string? echoed = null;
        TlsServer server = Listen(loop, guard, Requiring, socket =>
        {
            using X509Certificate2? peer = socket.GetPeerCertificate();
            onServer = (socket.IsAuthorized, socket.AuthorizationError, peer?.Subject);
        });

        TlsSocket client = Connect(loop, guard, server, TestCertificates.Client);
        client.On.SecureConnected(() =>
        {
            using X509Certificate2? peer = client.GetPeerCertificate();
            serverSeen = peer?.Thumbprint;
            client.Write("mutual");
            client.End();
        });
        client.On.Data(chunk => echoed = Encoding.UTF8.GetString(chunk.Span));
        client.On.Error(error => guard.Fail($"client error: {error}"));
        client.On.Closed(_ => server.Close());

        guard.Run();

        Assert.Equal((true, null, "CN=client"), onServer);
        Assert.Equal(TestCertificates.Server.Thumbprint, serverSeen);
        Assert.True(client.IsAuthorized);
        Assert.Equal("mutual", echoed);
        Assert.Null(client.GetPeerCertificate()); // closed: as Node's getPeerCertificate() on a destroyed socket
    }

    [Fact]
    public void A_client_without_a_certificate_is_refused_when_one_is_required_and_the_server_goes_on()
    {
        Exception error = Refused(certificate: null);

        Assert.Contains("TLS handshake with 127.0.0.1", error.Message);
        Assert.Contains("certificate rejected: the client sent no certificate", error.Message);
    }

    [Fact]
    public void A_client_certificate_from_an_authority_the_server_does_not_trust_is_refused()
    {
        Exception error = Refused(TestCertificates.Stranger);

        Assert.Contains("certificate rejected: certificate not trusted", error.Message);
    }

    public static TheoryData<string, bool, string?, string?> LetIn => new()
    {
        { "none", false, "the client sent no certificate", null },
        { "stranger", false, "certificate not trusted", "CN=stranger" },
        { "client", true, null, "CN=client" },
    };

    [Theory]
    [MemberData(nameof(LetIn))]
    public void RejectUnauthorized_false_lets_a_client_in_and_says_how_its_certificate_fared(
        string certificate, bool authorized, string? error, string? subject)
    {
        // Node: authorized false with authorizationError UNABLE_TO_GET_ISSUER_CERT (none sent), or the chain's code.
        X509Certificate2? given = certificate switch
        {
            "stranger" => TestCertificates.Stranger,
            "client" => TestCertificates.Client,
            _ => null,
        };
        (bool Authorized, string? Error, string? Subject) seen = Accepted(Requesting(rejectUnauthorized: false), given);

        Assert.Equal(authorized, seen.Authorized);
        Assert.Equal(subject, seen.Subject);
        if (error is null)
        {
            Assert.Null(seen.Error);
        }
        else
        {
            Assert.Contains(error, seen.Error);
        }
    }

    [Fact]
    public void A_server_that_does_not_ask_gets_no_client_certificate()
    {
        // Node: without requestCert, authorized is false, authorizationError unset, getPeerCertificate() empty.
        var options = new TlsServerOptions { Certificate = TestCertificates.Server, TrustedCertificates = [TestCertificates.Authority] };

        Assert.Equal((false, null, null), Accepted(options, TestCertificates.Client));
    }

    [Fact]
    public void Certificates_without_a_key_and_missing_options_are_refused_at_the_call_and_open_nothing()
    {
        using var loop = new EventLoop();
        using var keyless = X509CertificateLoader.LoadCertificate(TestCertificates.Client.RawData);

        var client = Assert.Throws<ArgumentException>(
            () => TlsSocket.Connect(loop, 443, "127.0.0.1", new TlsClientOptions { Certificate = keyless }));
        var server = Assert.Throws<ArgumentException>(() => new TlsServer(loop, new TlsServerOptions { Certificate = keyless }));
        var none = Assert.Throws<ArgumentException>(() => new TlsServer(loop, new TlsServerOptions { Certificate = null! }));
        var alone = Assert.Throws<ArgumentException>(() => new TlsServer(loop, keyless));

        Assert.Equal("options", client.ParamName);
        Assert.StartsWith("The client certificate has no private key", client.Message);
        Assert.Equal("options", server.ParamName);
        Assert.StartsWith("The server certificate has no private key", server.Message);
        Assert.StartsWith("TlsServerOptions.Certificate is null", none.Message);
        Assert.Equal("certificate", alone.ParamName);
        Assert.Throws<ArgumentNullException>(() => new TlsServer(loop, (TlsServerOptions)null!));
        Assert.False(loop.Run()); // no socket or server was made
    }

    /// <summary>A server's options that ask clients for a certificate signed by the test authority.</summary>
    private static TlsServerOptions Requesting(bool rejectUnauthorized) => new()
    {
        Certificate = TestCertificates.Server,
        RequestClientCertificate = true,
        RejectUnauthorized = rejectUnauthorized,
        TrustedCertificates = [TestCertificates.Authority],
    };

    /// <summary>
    /// A client presenting <paramref name="certificate"/> to a server that requires a trusted one: the server reports
    /// it as <c>tlsClientError</c> and serves the next client; returns that error.
    /// </summary>
    private static Exception Refused(X509Certificate2? certificate)
    {
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        Exception? refusal = null;
        string? echoed = null;
        TlsServer server = Listen(loop, guard, Requiring, _ => { });
        server.On.TlsClientError((error, socket) =>
        {
            refusal = error;
            Assert.False(socket.IsSecure);
        });

        // With TLS 1.3 the client's handshake is done before the server has checked its certificate: as in Node, it
        // may see secureConnect, then the connection fail.
        TlsSocket refused = Connect(loop, guard, server, certificate);
        refused.On.Data(_ => { }).On.Error(_ => { });
        refused.On.Closed(_ =>
        {
            TlsSocket next = Connect(loop, guard, server, TestCertificates.Client);
            next.On.SecureConnected(() =>
            {
                next.Write("next");
                next.End();
            });
            next.On.Data(chunk => echoed = Encoding.UTF8.GetString(chunk.Span));
            next.On.Error(error => guard.Fail($"next client error: {error}"));
            next.On.Closed(_ => server.Close());
        });

        guard.Run();

        Assert.Equal("next", echoed);
        return Assert.IsAssignableFrom<Exception>(refusal);
    }

    /// <summary>A client presenting <paramref name="certificate"/> is let in by a server with <paramref name="options"/>: what the server's socket says of it.</summary>
    private static (bool Authorized, string? Error, string? Subject) Accepted(TlsServerOptions options, X509Certificate2? certificate)
    {
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        (bool, string?, string?)? seen = null;
        TlsServer server = Listen(loop, guard, options, socket =>
        {
            using X509Certificate2? peer = socket.GetPeerCertificate();
            seen = (socket.IsAuthorized, socket.AuthorizationError, peer?.Subject);
        });

        TlsSocket client = Connect(loop, guard, server, certificate);
        client.On.SecureConnected(client.End);
        client.On.Data(_ => { });
        client.On.Error(error => guard.Fail($"client error: {error}"));
        client.On.Closed(_ => server.Close());

        guard.Run();

        return Assert.NotNull(seen);
    }

    /// <summary>A listening echo server that tells <paramref name="secure"/> of each connection first.</summary>
    private static TlsServer Listen(EventLoop loop, NetGuard guard, TlsServerOptions options, Action<TlsSocket> secure)
    {
        var server = new TlsServer(loop, options);
        guard.Track(server.Transport);
        server.On.SecureConnection(socket =>
        {
            guard.Track(socket.Transport);
            secure(socket);
            socket.On.Data(chunk => socket.Write(chunk));
            socket.On.Error(error => guard.Fail($"server socket error: {error}"));
        });
        return server.Listen(0);
    }

    private static TlsSocket Connect(EventLoop loop, NetGuard guard, TlsServer server, X509Certificate2? certificate)
    {
        TlsSocket client = TlsSocket.Connect(
            loop, server.LocalEndPoint!.Port, "127.0.0.1", new TlsClientOptions { TrustedCertificates = TrustServer, Certificate = certificate });
        guard.Track(client.Transport);
        return client;
    }
}
