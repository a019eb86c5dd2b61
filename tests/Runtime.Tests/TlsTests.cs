using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Loopwire.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// TlsSocket and TlsServer on loopback, with a self-signed certificate made for the tests (<see cref="TestCertificates"/>):
/// Node's tls events and their order, certificate checks, backpressure, a hostile client, and that every event runs on
/// the loop thread. Each test runs the loop until its own callbacks have closed every handle; a guard fails a hang instead.
/// </summary>
public sealed class TlsTests
{
    private static X509Certificate2 Certificate => TestCertificates.Server;

    private static TlsClientOptions Trusting => new() { TrustedCertificates = [Certificate] };

    [Fact]
    public void A_client_and_server_echo_over_TLS_with_Nodes_events_in_order()
    {
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TlsServer server = StartEchoServer(loop, guard);
        var events = new List<string>();
        var received = new StringBuilder();

        TlsSocket client = TlsSocket.Connect(loop, server.LocalEndPoint!.Port, "127.0.0.1", Trusting);
        guard.Track(client.Transport);
        client.On.SecureConnected(() =>
        {
            events.Add("secureConnect");
            Assert.True(client.IsSecure);
            Assert.True(client.IsAuthorized);
            Assert.Null(client.AuthorizationError);
            Assert.NotEqual(SslProtocols.None, client.Protocol);
            client.Write("hello, ");
            client.Write("tls");
            client.End();
        });
        client.On.Data(chunk => received.Append(Encoding.UTF8.GetString(chunk.Span)));
        client.On.Ended(() => events.Add("end"));
        client.On.Finish(() => events.Add("finish"));
        client.On.Error(error => guard.Fail($"client error: {error}"));
        client.On.Closed(hadError =>
        {
            events.Add($"close({hadError})");
            server.Close();
        });

        guard.Run();

        Assert.Equal("secureConnect,finish,end,close(False)", string.Join(",", events)); // this side ended first
        Assert.Equal("hello, tls", received.ToString());
        Assert.Equal("close(False)", events[^1]);
        Assert.Contains("end", events);
        Assert.Contains("finish", events);
        Assert.True(client.IsEnded);
        Assert.True(client.IsFinished);
    }

    [Fact]
    public void A_client_rejects_an_untrusted_certificate_with_a_clear_error_and_the_server_survives()
    {
        // Node tls: rejectUnauthorized defaults to true, so a self-signed certificate fails the handshake
        // (DEPTH_ZERO_SELF_SIGNED_CERT), then 'close(true)'; only that connection fails on the server.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TlsServer server = StartEchoServer(loop, guard, peerMayReject: true);
        int port = server.LocalEndPoint!.Port;
        Exception? rejected = null;
        bool? closedWithError = null;
        string? echoed = null;

        TlsSocket client = TlsSocket.Connect(loop, port, "127.0.0.1");
        guard.Track(client.Transport);
        client.On.SecureConnected(() => guard.Fail("connected to an untrusted certificate"));
        client.On.Error(error => rejected = error);
        client.On.Closed(hadError =>
        {
            closedWithError = hadError;

            // The server goes on: a trusting client is served.
            TlsSocket second = TlsSocket.Connect(loop, port, "127.0.0.1", Trusting);
            guard.Track(second.Transport);
            second.On.SecureConnected(() =>
            {
                second.Write("again");
                second.End();
            });
            second.On.Data(chunk => echoed = Encoding.UTF8.GetString(chunk.Span));
            second.On.Error(error => guard.Fail($"second client error: {error}"));
            second.On.Closed(_ => server.Close());
        });

        guard.Run();

        AuthenticationException error = Assert.IsType<AuthenticationException>(rejected);
        Assert.Contains("TLS handshake with 127.0.0.1", error.Message);
        Assert.Contains("certificate rejected", error.Message);
        Assert.Contains("self-signed", error.Message);
        Assert.True(closedWithError);
        Assert.False(client.IsSecure);
        Assert.Equal("again", echoed);
    }

    [Fact]
    public void RejectUnauthorized_false_connects_and_reports_why_the_certificate_failed()
    {
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TlsServer server = StartEchoServer(loop, guard);
        string? echoed = null;

        TlsSocket client = TlsSocket.Connect(
            loop, server.LocalEndPoint!.Port, "127.0.0.1", new TlsClientOptions { RejectUnauthorized = false });
        guard.Track(client.Transport);
        client.On.SecureConnected(() =>
        {
            Assert.False(client.IsAuthorized);
            Assert.Contains("self-signed", client.AuthorizationError);
            client.Write("anyway");
            client.End();
        });
        client.On.Data(chunk => echoed = Encoding.UTF8.GetString(chunk.Span));
        client.On.Error(error => guard.Fail($"client error: {error}"));
        client.On.Closed(_ => server.Close());

        guard.Run();

        Assert.Equal("anyway", echoed);
    }

    [Fact]
    public void A_name_the_certificate_is_not_for_is_rejected_even_when_the_root_is_trusted()
    {
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TlsServer server = StartEchoServer(loop, guard, peerMayReject: true);
        Exception? rejected = null;

        TlsSocket client = TlsSocket.Connect(
            loop, server.LocalEndPoint!.Port, "127.0.0.1", new TlsClientOptions { ServerName = "example.com", TrustedCertificates = [Certificate] });
        guard.Track(client.Transport);
        client.On.Error(error => rejected = error);
        client.On.Closed(_ => server.Close());

        guard.Run();

        Assert.NotNull(rejected);
        Assert.Contains("not for 'example.com'", rejected.Message);
    }

    [Fact]
    public void One_MiB_written_with_backpressure_arrives_whole()
    {
        const int Total = 1024 * 1024;
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        byte[] payload = new byte[Total];
        new Random(42).NextBytes(payload);
        var received = new MemoryStream();
        int drains = 0;
        bool refused = false;

        TlsServer server = Listen(loop, guard);
        server.On.SecureConnection(socket =>
        {
            guard.Track(socket.Transport);
            socket.On.Data(chunk =>
            {
                received.Write(chunk.Span);

                // A slow reader now and then: pausing must not lose or reorder a byte.
                if (received.Length % 7 == 0)
                {
                    socket.Pause();
                    loop.SetImmediate(socket.Resume);
                }
            });
            socket.On.Ended(() => socket.End());
            socket.On.Error(error => guard.Fail($"server socket error: {error}"));
        });

        TlsSocket client = TlsSocket.Connect(loop, server.LocalEndPoint!.Port, "127.0.0.1", Trusting);
        guard.Track(client.Transport);
        int sent = 0;
        void Pump()
        {
            while (sent < Total)
            {
                int size = Math.Min(8 * 1024, Total - sent);
                bool more = client.Write(payload.AsMemory(sent, size));
                sent += size;
                if (!more)
                {
                    refused = true;
                    return; // wait for 'drain'
                }
            }

            client.End();
        }

        client.On.SecureConnected(Pump);
        client.On.Drain(() =>
        {
            drains++;
            Pump();
        });
        client.On.Data(_ => { });
        client.On.Error(error => guard.Fail($"client error: {error}"));
        client.On.Closed(_ => server.Close());

        guard.Run();

        Assert.True(refused);
        Assert.True(drains > 0);
        Assert.Equal(Total, received.Length);
        Assert.True(payload.AsSpan().SequenceEqual(received.ToArray()));
    }

    [Fact]
    public void A_client_sending_garbage_fails_its_own_connection_only()
    {
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TlsServer server = StartEchoServer(loop, guard);
        int port = server.LocalEndPoint!.Port;
        Exception? clientError = null;
        TlsSocket? failed = null;
        string? echoed = null;
        server.On.TlsClientError((error, socket) => (clientError, failed) = (error, socket));

        TcpSocket hostile = guard.Track(TcpSocket.Connect(loop, port));
        hostile.On.Connected(() => hostile.Write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray()));
        hostile.On.Data(_ => { });
        hostile.On.Error(_ => { }); // the server may reset it
        hostile.On.Closed(_ =>
        {
            TlsSocket client = TlsSocket.Connect(loop, port, "127.0.0.1", Trusting);
            guard.Track(client.Transport);
            client.On.SecureConnected(() =>
            {
                client.Write("still here");
                client.End();
            });
            client.On.Data(chunk => echoed = Encoding.UTF8.GetString(chunk.Span));
            client.On.Error(error => guard.Fail($"client error: {error}"));
            client.On.Closed(_ => server.Close());
        });

        guard.Run();

        Assert.NotNull(clientError);
        Assert.Contains("TLS handshake with 127.0.0.1", clientError.Message);
        Assert.NotNull(failed);
        Assert.False(failed.IsSecure);
        Assert.True(failed.IsDestroyed);
        Assert.Equal("still here", echoed);
    }

    [Fact]
    public void Every_event_runs_on_the_loop_thread()
    {
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        int loopThread = Environment.CurrentManagedThreadId;
        var threads = new List<(string Event, int Thread)>();
        void Seen(string name) => threads.Add((name, Environment.CurrentManagedThreadId));

        TlsServer server = Listen(loop, guard);
        server.On.Listening(() => Seen("server listening"));
        server.On.SecureConnection(socket =>
        {
            Seen("server secureConnection");
            guard.Track(socket.Transport);
            socket.On.Data(chunk =>
            {
                Seen("server data");
                socket.Write(chunk);
            });
            socket.On.Ended(() => Seen("server end"));
            socket.On.Finish(() => Seen("server finish"));
            socket.On.Closed(_ => Seen("server socket close"));
        });
        server.On.Closed(() => Seen("server close"));

        var options = new TlsClientOptions
        {
            // Runs on a pool thread, as SslStream's handshake hops there (documented): so it is not recorded.
            CertificateValidation = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == Certificate.GetCertHashString(),
        };
        TlsSocket client = TlsSocket.Connect(loop, server.LocalEndPoint!.Port, "localhost", options);
        guard.Track(client.Transport);
        client.On.SecureConnected(() =>
        {
            Seen("client secureConnect");
            client.HighWaterMark = 1; // so that 'drain' is seen too
            Assert.False(client.Write("ping"));
        });
        client.On.Drain(() =>
        {
            Seen("client drain");
            client.End();
        });
        client.On.Data(_ => Seen("client data"));
        client.On.Ended(() => Seen("client end"));
        client.On.Finish(() => Seen("client finish"));
        client.On.Error(error => guard.Fail($"client error: {error}"));
        client.On.Closed(_ =>
        {
            Seen("client close");
            server.Close();
        });

        guard.Run();

        string[] expected =
        [
            "server listening", "client secureConnect", "server secureConnection", "server data",
            "client drain", "client data", "server end", "client end", "server finish", "client finish",
            "server socket close", "client close", "server close",
        ];
        Assert.Equal("", string.Join(",", expected.Except(threads.Select(seen => seen.Event))));
        Assert.Equal("", string.Join(",", threads.Where(seen => seen.Thread != loopThread).Select(seen => seen.Event)));
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        using var keyless = X509CertificateLoader.LoadCertificate(Certificate.RawData);

        Assert.Throws<ArgumentNullException>(() => TlsSocket.Connect(null!, 443, "127.0.0.1"));
        Assert.Throws<ArgumentNullException>(() => TlsSocket.Connect(loop, 443, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => TlsSocket.Connect(loop, 0, "127.0.0.1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => TlsSocket.Connect(loop, 65536, "127.0.0.1"));
        Assert.Throws<ArgumentException>(() => TlsSocket.Connect(loop, 443, ""));
        Assert.Throws<ArgumentException>(() => TlsSocket.Connect(loop, 443, "127.0.0.1", new TlsClientOptions { ServerName = "" }));
        Assert.Throws<ArgumentNullException>(() => new TlsServer(null!, Certificate));
        Assert.Throws<ArgumentNullException>(() => new TlsServer(loop, (X509Certificate2)null!));
        Assert.Throws<ArgumentException>(() => new TlsServer(loop, keyless));

        // Writing after End, and after Destroy, throws as Node's ERR_STREAM_WRITE_AFTER_END and ERR_STREAM_DESTROYED.
        TlsServer server = StartEchoServer(loop, guard);
        TlsSocket client = TlsSocket.Connect(loop, server.LocalEndPoint!.Port, "127.0.0.1", Trusting);
        guard.Track(client.Transport);
        client.End();
        Assert.Throws<InvalidOperationException>(() => client.Write("late"));
        client.Destroy();
        Assert.Throws<ObjectDisposedException>(() => client.Write("later"));
        Assert.Throws<ArgumentNullException>(() => client.Write((string)null!));
        server.Close();

        guard.Run();
    }

    /// <summary>A listening server, tracked by <paramref name="guard"/> through its TCP server.</summary>
    private static TlsServer Listen(EventLoop loop, NetGuard guard)
    {
        var server = new TlsServer(loop, Certificate);
        guard.Track(server.Transport);
        return server.Listen(0);
    }

    /// <summary>A listening server that echoes each connection and ends when its client does.</summary>
    /// <remarks>
    /// With <paramref name="peerMayReject"/>, a server socket's error is expected: .NET's client checks the certificate
    /// once OpenSSL's handshake is done, so the server may finish its own and then find the connection gone.
    /// </remarks>
    private static TlsServer StartEchoServer(EventLoop loop, NetGuard guard, bool peerMayReject = false)
    {
        TlsServer server = Listen(loop, guard);
        server.On.SecureConnection(socket =>
        {
            guard.Track(socket.Transport);
            socket.On.Data(chunk => socket.Write(chunk));
            socket.On.Error(error =>
            {
                if (!peerMayReject)
                {
                    guard.Fail($"server socket error: {error}");
                }
            });
        });
        return server;
    }
}
