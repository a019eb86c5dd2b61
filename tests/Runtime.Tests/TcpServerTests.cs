using System.Net;
using System.Net.Sockets;
using System.Text;
using Loopwire.Net;
using Loopwire.Tests.Support;
using static Loopwire.Tests.TcpSocketTests;

namespace Loopwire.Tests;

/// <summary>
/// TcpServer on loopback: Node's net.Server events, the loop's liveness rules, and a server that outlives hostile
/// clients. Each test runs the loop until its own callbacks have closed every handle; a ref'd guard timeout fails a
/// hang instead.
/// </summary>
public sealed class TcpServerTests
{
    [Fact]
    public void Listen_on_port_0_picks_a_port_at_once_and_emits_listening_from_the_loop()
    {
        // Node net: server.address() is known after listen(); 'listening' is emitted on a later tick, not inside it.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop));
        IPEndPoint? seen = null;
        server.On.Listening(() =>
        {
            seen = server.LocalEndPoint;
            server.Close();
        });

        Assert.Same(server, server.Listen(0));
        Assert.Null(seen);
        Assert.True(server.IsListening);
        Assert.Equal(IPAddress.Loopback, server.LocalEndPoint!.Address);
        Assert.NotEqual(0, server.LocalEndPoint.Port);
        guard.Run();

        Assert.Equal(server.LocalEndPoint, seen);
        Assert.False(server.IsListening);
    }

    [Fact]
    public void A_port_in_use_emits_EADDRINUSE_from_the_loop_and_the_server_may_listen_again()
    {
        // Node net: a failed listen is an 'error' event on a later tick ("listen EADDRINUSE: address already in use
        // 127.0.0.1:port"), not an exception; the server is not listening and may listen again.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer first = guard.Track(new TcpServer(loop).Listen(0));
        int port = first.LocalEndPoint!.Port;
        TcpServer second = guard.Track(new TcpServer(loop));
        NetException? inUse = null;
        second.On.Error(error =>
        {
            inUse = Assert.IsType<NetException>(error);
            Assert.False(second.IsListening);
            first.Close();
            second.Listen(0).On.Listening(() => second.Close());
        });

        second.Listen(port);
        Assert.Null(inUse);
        guard.Run();

        Assert.Equal($"listen EADDRINUSE: address already in use 127.0.0.1:{port}", inUse!.Message);
        Assert.Equal("EADDRINUSE", inUse.Code);
        Assert.Equal("listen", inUse.Syscall);
        Assert.Equal("127.0.0.1", inUse.Address);
        Assert.Equal(port, inUse.Port);
    }

    [Fact]
    public void A_listen_error_with_no_listener_is_an_uncaught_exception()
    {
        // E2: 'error' with no listener throws the error itself; N8: with no UncaughtException handler, Run rethrows it.
        using var loop = new EventLoop();
        using TcpServer first = new TcpServer(loop).Listen(0);
        using var second = new TcpServer(loop);

        second.Listen(first.LocalEndPoint!.Port);
        var error = Assert.Throws<NetException>(() => loop.Run());

        Assert.Equal("EADDRINUSE", error.Code);
    }

    [Fact]
    public void Close_stops_accepting_at_once_and_close_follows_the_last_connection()
    {
        // Node net: server.close() stops new connections and keeps existing ones; 'close' is emitted once the last
        // of them has closed (emitCloseIfDrained). L10: the close callback runs in the close phase.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(EchoServer(loop, guard));
        var events = new List<string>();
        TcpSocket early = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        early.On.Error(error => guard.Fail(error.Message));
        server.On.Connection(socket => socket.On.Closed(_ => events.Add("connection close")));
        early.Once.Connected(() => server.Close(() =>
        {
            events.Add($"close callback, connections {server.ConnectionCount}");
            TcpSocket late = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint.Port));
            late.On.Error(error => events.Add(error.Message)).On.Closed(_ => early.Write("still open"));
        }));
        server.On.Closed(() => events.Add($"server close, connections {server.ConnectionCount}"));
        early.On.Data(chunk =>
        {
            events.Add("echo " + Encoding.UTF8.GetString(chunk.Span));
            early.End();
        });

        guard.Run();

        Assert.Equal(
            ["close callback, connections 1", $"connect ECONNREFUSED 127.0.0.1:{server.LocalEndPoint.Port}", "echo still open", "connection close", "server close, connections 0"],
            events);
    }

    [Fact]
    public void Closing_before_listening_is_emitted_emits_only_close()
    {
        // Node net (emitListeningNT): a server closed before the tick does not emit 'listening'.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop));
        var events = new List<string>();
        server.On.Listening(() => events.Add("listening")).On.Closed(() => events.Add("close"));

        server.Listen(0).Close();
        guard.Run();

        Assert.Equal(["close"], events);
    }

    [Fact]
    public void A_listening_server_keeps_the_loop_alive_and_an_unrefd_one_does_not_but_still_accepts()
    {
        // L1: an active ref'd handle keeps the loop alive; L2: an unref'd one does not, and still works.
        using var loop = new EventLoop();
        var server = new TcpServer(loop);
        Assert.False(loop.IsAlive);
        server.Listen(0);
        Assert.True(loop.IsAlive);

        server.Unref();
        Assert.False(loop.IsAlive);
        Assert.False(loop.Run());
        Assert.True(server.IsListening);

        var guard = new NetGuard(loop);
        string echoed = "";
        server.On.Connection(socket => socket.On.Data(chunk => socket.Write(chunk)));
        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.Write("unref'd");
        client.On.Data(chunk =>
        {
            echoed = Encoding.UTF8.GetString(chunk.Span);
            client.End();
        });
        guard.Run(); // ends once the client closes: the unref'd server does not hold the loop

        Assert.Equal("unref'd", echoed);
        Assert.True(server.IsListening);
        server.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void A_connection_beyond_MaxConnections_is_closed_and_reported_as_drop_until_one_closes()
    {
        // Node net: server.maxConnections closes what is accepted at the limit and emits 'drop' with the peer's address.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop) { MaxConnections = 1 }.Listen(0));
        var log = new List<string>();
        int connections = 0;
        TcpSocket? second = null;
        TcpSocket first = Client("first");
        server.On.Connection(socket =>
        {
            guard.Track(socket).On.Error(error => guard.Fail("server side: " + error.Message));
            log.Add($"connection {++connections}, {server.ConnectionCount} open");
            if (connections == 1)
            {
                second = Client("second"); // one is open: this one is dropped
                socket.On.Closed(_ => Client("third")); // the slot is free again
            }
            else
            {
                socket.Destroy(); // an end for the client, not a reset, on both backends
                server.Dispose();
            }
        });
        IPEndPoint? dropped = null;
        server.On.Dropped(remote =>
        {
            log.Add("drop");
            dropped = remote;
            first.Destroy();
        });

        guard.Run();

        Assert.Equal(["connection 1, 1 open", "drop", "connection 2, 1 open"], log.Where(entry => !entry.EndsWith(" end", StringComparison.Ordinal)));
        Assert.Equal(second!.LocalEndPoint, dropped);
        Assert.Contains("second end", log); // closed by the server, without a reset
        Assert.Contains("third end", log);
        Assert.Equal(0, server.ConnectionCount);

        TcpSocket Client(string name)
        {
            TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
            client.On.Error(error => guard.Fail($"{name}: {error.Message}")).On.Ended(() => log.Add($"{name} end"));
            return client;
        }
    }

    [Fact]
    public void MaxConnections_rejects_a_negative_limit()
    {
        using var loop = new EventLoop();
        var server = new TcpServer(loop);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => server.MaxConnections = -1);

        Assert.StartsWith("MaxConnections must be 0 or more, or null for no limit.", error.Message);
        server.Dispose();
    }

    [Fact]
    public void A_hundred_clients_at_once_each_get_back_exactly_what_they_sent()
    {
        // L3: one loop serves every connection; on epoll, 200 sockets come and go through the watch table at once.
        const int Clients = 100;
        const int Chunks = 4;
        const int ChunkSize = 4096;
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(TcpSocketTests.EchoServer(loop, guard));
        var echoed = new MemoryStream[Clients];
        int closed = 0;
        for (int client = 0; client < Clients; client++)
        {
            int id = client;
            var received = echoed[client] = new MemoryStream();
            TcpSocket socket = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
            for (int chunk = 0; chunk < Chunks; chunk++)
            {
                socket.Write(Pattern(client, chunk, ChunkSize));
            }

            socket.End();
            socket.On.Data(data => received.Write(data.Span))
                  .On.Error(error => guard.Fail($"client {id}: {error.Message}"))
                  .On.Closed(_ =>
                  {
                      if (++closed == Clients)
                      {
                          server.Dispose();
                      }
                  });
        }

        guard.Run();

        for (int client = 0; client < Clients; client++)
        {
            byte[] expected = [.. Enumerable.Range(0, Chunks).SelectMany(chunk => Pattern(client, chunk, ChunkSize))];
            Assert.Equal(expected, echoed[client].ToArray());
        }
    }

    [Fact]
    public void A_server_and_its_connection_disposed_after_their_loop_close_without_throwing()
    {
        // Disposing the loop first (a test that failed half way, a program torn down out of order) loses nothing:
        // on epoll, closing the epoll instance has already dropped the sockets' watches.
        var loop = new EventLoop();
        TcpServer server = new TcpServer(loop).Listen(0);
        TcpSocket client = TcpSocket.Connect(loop, server.LocalEndPoint!.Port);
        loop.Run(RunMode.NoWait);
        loop.Dispose();

        client.Dispose();
        server.Dispose();

        Assert.True(client.IsClosing);
        Assert.True(server.IsClosing);
    }

    [Fact]
    public void Clients_that_send_garbage_and_reset_do_not_stop_the_server_which_accepts_the_next_client()
    {
        // Node net: a reset is the socket's 'error' then 'close'(true); the server goes on. The error is "read
        // ECONNRESET", or "write ECONNRESET" when the echo of the garbage meets the reset first (as in libuv, the epoll
        // backend tries a write at once). A client that resets before its accept is skipped, as libuv skips ECONNABORTED.
        const int Hostile = 5;
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        var hostileCloses = new List<string>();
        string echoed = "";
        server.On.Error(error => guard.Fail("server: " + error.Message)).On.Connection(socket =>
        {
            guard.Track(socket);
            socket.On.Data(chunk => socket.Write(chunk));
            string? error = null;
            socket.On.Error(e => error = e.Message).On.Closed(hadError =>
            {
                if (error is not null || hadError)
                {
                    hostileCloses.Add($"{error} {hadError}");
                }
            });
        });
        for (int i = 0; i < Hostile; i++)
        {
            // Connected through the kernel's backlog before the loop runs, then reset with unread garbage sent.
            using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            raw.Connect(server.LocalEndPoint!);
            raw.Send(Encoding.ASCII.GetBytes("\x00\xff garbage \r\n\r\n"));
            raw.LingerState = new LingerOption(true, 0);
        }

        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.Write("still serving");
        client.On.Error(error => guard.Fail(error.Message)).On.Data(chunk =>
        {
            echoed = Encoding.UTF8.GetString(chunk.Span);
            client.End();
        });
        client.On.Closed(_ => server.Dispose());

        guard.Run();

        Assert.Equal("still serving", echoed);
        Assert.Equal(Hostile, hostileCloses.Count); // Linux accepts reset connections
        Assert.All(hostileCloses, close => Assert.Matches("^(read|write) ECONNRESET True$", close));
        Assert.Equal(0, server.ConnectionCount);
    }

    [Fact]
    public void A_client_that_resets_while_the_server_writes_gets_error_and_close_and_the_server_goes_on()
    {
        // Node net: a write or read failing on a reset connection is 'error' then 'close'(true) on that socket only.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        raw.Connect(server.LocalEndPoint!);
        var closes = new List<string>();
        string echoed = "";
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            string? error = null;
            socket.On.Error(e => error = e.Message).On.Closed(hadError => closes.Add($"{error} {hadError}"));
            if (closes.Count == 0 && socket.RemoteEndPoint!.Equals(raw.LocalEndPoint))
            {
                // 1 MiB cannot all fit in the buffers of a peer that does not read: the reset lands mid-write.
                socket.Write(new byte[1024 * 1024]);
                raw.LingerState = new LingerOption(true, 0);
                raw.Close();
                socket.Once.Closed(_ => Connect());
            }
            else
            {
                socket.On.Data(chunk => socket.Write(chunk));
            }
        });

        void Connect()
        {
            TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
            client.Write("next");
            client.On.Error(error => guard.Fail(error.Message)).On.Data(chunk =>
            {
                echoed = Encoding.UTF8.GetString(chunk.Span);
                client.End();
            });
            client.On.Closed(_ => server.Dispose());
        }

        guard.Run();

        Assert.Equal("next", echoed);
        Assert.Equal(2, closes.Count);
        Assert.Matches("^(read|write) (ECONNRESET|EPIPE) True$", closes[0]);
        Assert.Equal(" False", closes[1]);
    }

    [Fact]
    public void Twenty_clients_at_once_are_each_echoed_their_own_bytes()
    {
        // Node net: one server, many sockets, each its own stream; ConnectionCount follows accepted sockets.
        const int Clients = 20;
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(EchoServer(loop, guard));
        var echoes = new string[Clients];
        int closed = 0;
        for (int i = 0; i < Clients; i++)
        {
            int index = i;
            TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
            client.Write($"client {index}");
            client.On.Error(error => guard.Fail(error.Message))
                  .On.Data(chunk =>
                  {
                      echoes[index] += Encoding.UTF8.GetString(chunk.Span);
                      if (echoes[index] == $"client {index}")
                      {
                          client.End();
                      }
                  })
                  .On.Closed(_ =>
                  {
                      if (++closed == Clients)
                      {
                          server.Close();
                      }
                  });
        }

        guard.Run();

        Assert.Equal(Enumerable.Range(0, Clients).Select(i => $"client {i}"), echoes);
        Assert.Equal(0, server.ConnectionCount);
    }

    [Fact]
    public void GetConnections_answers_with_the_open_connections_after_the_current_callback()
    {
        // Node net: server.getConnections(cb) calls back asynchronously with (null, count).
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        var log = new List<string>();
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            server.GetConnections((error, count) =>
            {
                log.Add($"{error?.Message ?? "no error"}, {count} open");
                socket.Destroy();
                server.Close();
            });
            log.Add("asked");
        });
        guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port)).On.Error(_ => { });

        guard.Run();

        Assert.Equal(["asked", "no error, 1 open"], log);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => server.GetConnections(null!)).ParamName);
    }

    [Fact]
    public void Bad_arguments_and_a_second_listen_throw_at_the_call()
    {
        // Node net: ERR_SOCKET_BAD_PORT, ERR_SERVER_ALREADY_LISTEN; L10: a closed handle cannot be reused.
        using var loop = new EventLoop();
        using var server = new TcpServer(loop);

        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => new TcpServer(null!)).ParamName);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => server.Listen(-1)).ParamName);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => server.Listen(65536)).ParamName);
        Assert.Equal("host", Assert.Throws<ArgumentNullException>(() => server.Listen(0, null!)).ParamName);
        Assert.Equal("host", Assert.Throws<ArgumentException>(() => server.Listen(0, "example.com")).ParamName);
        Assert.Equal("backlog", Assert.Throws<ArgumentOutOfRangeException>(() => server.Listen(0, backlog: -1)).ParamName);
        Assert.False(server.IsListening);

        server.Listen(0);
        var twice = Assert.Throws<InvalidOperationException>(() => server.Listen(0));
        Assert.Equal(
            $"listen: this TcpServer is already listening on {server.LocalEndPoint}; a server listens once (Node's ERR_SERVER_ALREADY_LISTEN).",
            twice.Message);
        server.Close();
        Assert.Throws<ObjectDisposedException>(() => server.Listen(0));
        Assert.Throws<InvalidOperationException>(() => server.Close());
        Assert.False(loop.Run());
    }

    [Fact]
    public void Calls_off_the_loop_thread_throw()
    {
        // Every loop API belongs to the loop thread (README: use Post from other threads).
        using var loop = new EventLoop();
        using var server = new TcpServer(loop);
        var calls = new Dictionary<string, Action>
        {
            ["new TcpServer"] = () => _ = new TcpServer(loop),
            ["Listen"] = () => server.Listen(0),
            ["Close"] = () => server.Close(),
            ["Unref"] = server.Unref,
        };
        var failures = new Dictionary<string, Exception?>();

        var thread = new Thread(() =>
        {
            foreach ((string name, Action call) in calls)
            {
                failures[name] = Record.Exception(call);
            }
        });
        thread.Start();
        thread.Join();

        Assert.All(failures, pair => Assert.Contains("Loop APIs must be called on the loop thread", Assert.IsType<InvalidOperationException>(pair.Value).Message));
        Assert.False(server.IsListening);
    }

    /// <summary>Bytes that tell which client and which chunk they came from, so that a mix-up between sockets shows.</summary>
    private static byte[] Pattern(int client, int chunk, int size) =>
        [.. Enumerable.Range(0, size).Select(i => (byte)((client * 31) + (chunk * 7) + i))];
}
