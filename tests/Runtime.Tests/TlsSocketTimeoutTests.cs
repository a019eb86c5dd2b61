using System.Security.Cryptography.X509Certificates;
using Loopwire.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Node's <c>tlsSocket.setTimeout(ms, callback)</c>: the TCP socket's idle timeout (see <see cref="TcpSocketTimeoutTests"/>)
/// emitted as the TLS socket's <c>timeout</c>, the callback a once listener, 0 removing it. Time moves only through a
/// manual clock, and the loop runs one iteration at a time while the sockets' I/O arrives.
/// </summary>
public sealed class TlsSocketTimeoutTests
{
    private const int MaxIterations = 1_000;

    private static readonly X509Certificate2Collection TrustServer = [TestCertificates.Server];

    [Fact]
    public void Timeout_follows_an_idle_spell_restarts_with_traffic_and_calls_the_callback_once()
    {
        using var loop = Loops.WithClock(out ManualClock clock);
        (TlsServer server, TlsSocket client, Func<TlsSocket?> accepted) = Connected(loop);
        int timeouts = 0;
        int callbacks = 0;
        int received = 0;
        client.On.TimedOut(() => timeouts++).On.Data(_ => received++);

        client.SetTimeout(1000, () => callbacks++);
        Assert.Equal(1000, client.Timeout);
        Advance(loop, clock, 900);
        Assert.Equal(0, timeouts);

        accepted()!.Write("x"); // a record for the client at 900: its wait now ends at 1900
        RunUntil(loop, () => received == 1);
        Advance(loop, clock, 900);
        Assert.Equal(0, timeouts);

        Advance(loop, clock, 100);
        Assert.Equal((1, 1), (timeouts, callbacks));
        Assert.False(client.IsDestroyed);

        Advance(loop, clock, 10_000);
        Assert.Equal(1, timeouts); // idle still, but told once

        accepted()!.Write("y");
        RunUntil(loop, () => received == 2);
        Advance(loop, clock, 1000);
        Assert.Equal((2, 1), (timeouts, callbacks)); // the callback was a once listener

        Close(loop, server, client, accepted());
    }

    [Fact]
    public void Zero_turns_the_timeout_off_and_removes_the_callback()
    {
        using var loop = Loops.WithClock(out ManualClock clock);
        (TlsServer server, TlsSocket client, Func<TlsSocket?> accepted) = Connected(loop);
        int callbacks = 0;
        void Count() => callbacks++;

        client.SetTimeout(1000, Count).SetTimeout(0, Count);
        Assert.Equal(0, client.Timeout);
        Advance(loop, clock, 5000);
        client.SetTimeout(1000); // on again, with no callback: the removed one stays removed
        Advance(loop, clock, 1000);

        Assert.Equal(0, callbacks);
        Close(loop, server, client, accepted());
    }

    [Fact]
    public void A_handshake_that_stalls_times_out()
    {
        // A server that accepts TCP and never answers the ClientHello: Node's tls.connect with a timeout.
        using var loop = Loops.WithClock(out ManualClock clock);
        var silent = new TcpServer(loop).Listen(0);
        TcpSocket? accepted = null;
        bool hello = false;
        silent.On.Connection(socket =>
        {
            accepted = socket;
            socket.On.Data(_ => hello = true);
        });
        TlsSocket client = TlsSocket.Connect(loop, silent.LocalEndPoint!.Port, "127.0.0.1", new TlsClientOptions { TrustedCertificates = TrustServer });
        bool timedOut = false;
        client.SetTimeout(1000, () =>
        {
            timedOut = true;
            Assert.False(client.IsSecure);
            client.Destroy();
        });
        RunUntil(loop, () => hello); // the ClientHello was the client's last traffic: its wait runs from here

        Advance(loop, clock, 1000);

        Assert.True(timedOut);
        Assert.True(client.IsDestroyed);
        accepted!.Destroy();
        silent.Close();
        Assert.False(loop.Run());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(2147483648d)]
    public void A_timeout_out_of_range_is_rejected_and_changes_nothing(double milliseconds)
    {
        using var loop = new EventLoop();
        var server = new TcpServer(loop).Listen(0);
        TlsSocket client = TlsSocket.Connect(loop, server.LocalEndPoint!.Port, "127.0.0.1");
        client.SetTimeout(500);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => client.SetTimeout(milliseconds, () => { }));

        Assert.Equal("milliseconds", error.ParamName);
        Assert.StartsWith("The timeout must be 0 (none) or a number of milliseconds up to 2147483647", error.Message);
        Assert.Equal(500, client.Timeout);
        Assert.Equal(0, client.Listeners.TimedOut.Count); // the callback was not added
        client.Destroy();
        server.Close();
        loop.Run();
    }

    /// <summary>
    /// A TLS connection through an echo server, with one message echoed: by then the handshake's last records (TLS 1.3
    /// session tickets) have arrived, so no traffic is left to restart a wait the test starts.
    /// </summary>
    [Fact]
    public void A_client_silent_past_the_handshake_timeout_is_a_tlsClientError_and_a_secure_one_is_not_timed()
    {
        // Node tls.Server handshakeTimeout: a client idle that long before its handshake completes is destroyed with
        // ERR_TLS_HANDSHAKE_TIMEOUT, reported as 'tlsClientError'; once secure, the wait is gone.
        using var loop = Loops.WithClock(out ManualClock clock);
        var server = new TlsServer(loop, new TlsServerOptions { Certificate = TestCertificates.Server, HandshakeTimeout = 1000 }).Listen(0);
        var errors = new List<string>();
        TlsSocket? secure = null;
        server.On.TlsClientError((error, _) => errors.Add(error.Message)).On.SecureConnection(socket => secure = socket);
        TcpSocket silent = TcpSocket.Connect(loop, server.LocalEndPoint!.Port);
        silent.On.Data(_ => { }).On.Error(_ => { });
        RunUntil(loop, () => server.Transport.ConnectionCount == 1);

        Advance(loop, clock, 900);
        Assert.Empty(errors);
        Advance(loop, clock, 100);
        RunUntil(loop, () => errors.Count == 1);
        Assert.StartsWith("TLS handshake timeout (Node's ERR_TLS_HANDSHAKE_TIMEOUT): the client at 127.0.0.1:", errors[0], StringComparison.Ordinal);

        TlsSocket client = TlsSocket.Connect(loop, server.LocalEndPoint.Port, "127.0.0.1", new TlsClientOptions { TrustedCertificates = TrustServer });
        RunUntil(loop, () => secure is not null);
        Advance(loop, clock, 10_000);
        Assert.False(secure!.IsDestroyed);
        Assert.Equal(0, secure.Timeout);
        Assert.Single(errors);

        silent.Destroy();
        Close(loop, server, client, secure);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(2147483648d)]
    public void A_handshake_timeout_out_of_range_is_refused(double timeout)
    {
        using var loop = new EventLoop();

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new TlsServer(loop, new TlsServerOptions { Certificate = TestCertificates.Server, HandshakeTimeout = timeout }));

        Assert.StartsWith("HandshakeTimeout must be 0 (none) or a number of milliseconds up to 2147483647.", error.Message, StringComparison.Ordinal);
    }

    private static (TlsServer Server, TlsSocket Client, Func<TlsSocket?> Accepted) Connected(EventLoop loop)
    {
        var server = new TlsServer(loop, TestCertificates.Server).Listen(0);
        TlsSocket? accepted = null;
        server.On.SecureConnection(socket =>
        {
            accepted = socket;
            socket.On.Data(chunk => socket.Write(chunk));
        });
        TlsSocket client = TlsSocket.Connect(loop, server.LocalEndPoint!.Port, "127.0.0.1", new TlsClientOptions { TrustedCertificates = TrustServer });
        bool echoed = false;
        client.Once.Data(_ => echoed = true);
        client.Once.SecureConnected(() => client.Write("ping"));
        RunUntil(loop, () => echoed);
        return (server, client, () => accepted);
    }

    private static void Close(EventLoop loop, TlsServer server, TlsSocket client, TlsSocket? accepted)
    {
        client.Destroy();
        accepted?.Destroy();
        server.Close();
        Assert.False(loop.Run());
    }

    /// <summary>Runs iterations that wait for I/O (the manual clock does not move) until <paramref name="done"/>.</summary>
    private static void RunUntil(EventLoop loop, Func<bool> done)
    {
        for (int i = 0; i < MaxIterations && !done(); i++)
        {
            loop.Run(RunMode.Once);
        }

        Assert.True(done(), $"not reached in {MaxIterations} loop iterations");
    }

    /// <summary>Moves the clock, then runs one iteration that does not wait: timers now due fire.</summary>
    private static void Advance(EventLoop loop, ManualClock clock, double milliseconds)
    {
        clock.Advance(milliseconds);
        loop.Run(RunMode.NoWait);
    }
}
