using System.Security.Cryptography.X509Certificates;
using Loopwire.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// ALPN, as Node's <c>ALPNProtocols</c> and <c>socket.alpnProtocol</c>: the server's preference among what the client
/// offers, nothing when either side offers none, a failed handshake when both offer and none match, and names checked
/// at the call.
/// </summary>
public sealed class TlsAlpnTests
{
    private static readonly X509Certificate2Collection TrustServer = [TestCertificates.Server];

    [Fact]
    public void Both_sides_see_the_servers_first_choice_among_what_the_client_offers()
    {
        // Node: server ['h2', 'http/1.1'], client ['http/1.1', 'h2'] gives 'h2' on both sides (the server's order).
        (string? client, string? server) = Negotiate(["h2", "http/1.1"], ["http/1.1", "h2"]);

        Assert.Equal("h2", client);
        Assert.Equal("h2", server);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void A_side_that_offers_none_connects_without_a_protocol(bool serverOffers, bool clientOffers)
    {
        // Node: alpnProtocol is false on both sides; here null.
        (string? client, string? server) = Negotiate(serverOffers ? ["h2"] : null, clientOffers ? ["h2"] : null);

        Assert.Null(client);
        Assert.Null(server);
    }

    [Fact]
    public void No_protocol_in_common_fails_the_handshake_on_both_sides_and_the_server_goes_on()
    {
        // Node: the server's tlsClientError is ERR_SSL_NO_APPLICATION_PROTOCOL, the client's error its alert.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        var server = new TlsServer(loop, new TlsServerOptions { Certificate = TestCertificates.Server, AlpnProtocols = ["h2"] });
        guard.Track(server.Transport);
        server.Listen(0);
        int port = server.LocalEndPoint!.Port;
        Exception? clientError = null;
        Exception? serverError = null;
        string? secondProtocol = null;
        server.On.TlsClientError((error, _) => serverError = error);
        server.On.SecureConnection(socket =>
        {
            guard.Track(socket.Transport);
            secondProtocol = socket.AlpnProtocol;
            socket.On.Data(_ => { }).On.Error(error => guard.Fail($"server socket error: {error}"));
        });

        TlsSocket client = Connect(loop, guard, port, ["http/1.1"]);
        client.On.SecureConnected(() => guard.Fail("connected with no protocol in common"));
        client.On.Error(error => clientError = error);
        client.On.Closed(_ =>
        {
            TlsSocket second = Connect(loop, guard, port, ["h2"]);
            second.On.SecureConnected(second.End);
            second.On.Data(_ => { });
            second.On.Error(error => guard.Fail($"second client error: {error}"));
            second.On.Closed(_ => server.Close());
        });

        guard.Run();

        // OpenSSL's words, as Node's messages: the server's own failure, and the alert it sent the client.
        Assert.NotNull(clientError);
        Assert.Contains("TLS handshake with 127.0.0.1", clientError.Message);
        Assert.Contains("alert no application protocol", clientError.Message);
        Assert.NotNull(serverError);
        Assert.Contains("TLS handshake with 127.0.0.1", serverError.Message);
        Assert.Contains("no application protocol", serverError.Message);
        Assert.Null(client.AlpnProtocol);
        Assert.Equal("h2", secondProtocol);
    }

    [Fact]
    public void Bad_protocol_names_are_refused_at_the_call_and_open_nothing()
    {
        using var loop = new EventLoop();
        string tooLong = new('a', 256);
        string[][] bad = [[""], [null!], ["h2", tooLong], ["é" + new string('a', 254)]]; // the last is 256 bytes in UTF-8

        foreach (string[] protocols in bad)
        {
            var client = Assert.Throws<ArgumentException>(() => TlsSocket.Connect(loop, 443, "127.0.0.1", new TlsClientOptions { AlpnProtocols = protocols }));
            var server = Assert.Throws<ArgumentException>(() => new TlsServer(loop, new TlsServerOptions { Certificate = TestCertificates.Server, AlpnProtocols = protocols }));

            Assert.Equal("options", client.ParamName);
            Assert.Equal("options", server.ParamName);
            Assert.StartsWith("AlpnProtocols holds", client.Message);
        }

        Assert.Contains("at most 255", Assert.Throws<ArgumentException>(
            () => TlsSocket.Connect(loop, 443, "127.0.0.1", new TlsClientOptions { AlpnProtocols = [tooLong] })).Message);
        Assert.False(loop.Run()); // no socket was made
    }

    /// <summary>Connects a client offering <paramref name="clientProtocols"/> to a server offering <paramref name="serverProtocols"/>; returns what each side negotiated.</summary>
    private static (string? Client, string? Server) Negotiate(string[]? serverProtocols, string[]? clientProtocols)
    {
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        var server = new TlsServer(loop, new TlsServerOptions { Certificate = TestCertificates.Server, AlpnProtocols = serverProtocols });
        guard.Track(server.Transport);
        server.Listen(0);
        string? onServer = "not connected";
        string? onClient = "not connected";
        server.On.SecureConnection(socket =>
        {
            guard.Track(socket.Transport);
            onServer = socket.AlpnProtocol;
            socket.On.Data(_ => { }).On.Error(error => guard.Fail($"server socket error: {error}"));
        });

        TlsSocket client = Connect(loop, guard, server.LocalEndPoint!.Port, clientProtocols);
        Assert.Null(client.AlpnProtocol); // not yet: the handshake has not run
        client.On.SecureConnected(() =>
        {
            onClient = client.AlpnProtocol;
            client.End();
        });
        client.On.Data(_ => { });
        client.On.Error(error => guard.Fail($"client error: {error}"));
        client.On.Closed(_ => server.Close());

        guard.Run();

        return (onClient, onServer);
    }

    private static TlsSocket Connect(EventLoop loop, NetGuard guard, int port, string[]? protocols)
    {
        TlsSocket client = TlsSocket.Connect(
            loop, port, "127.0.0.1", new TlsClientOptions { TrustedCertificates = TrustServer, AlpnProtocols = protocols });
        guard.Track(client.Transport);
        return client;
    }
}
