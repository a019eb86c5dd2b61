using System.Net;
using System.Net.Sockets;
using System.Text;
using Loopwire.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// TcpSocket on loopback: Node's net.Socket events and writable/readable semantics, every callback on the loop
/// thread. Each test runs the loop until its own callbacks have closed every handle; a ref'd guard timeout fails a
/// hang instead.
/// </summary>
public sealed class TcpSocketTests
{
    [Fact]
    public void Echo_round_trip_emits_connect_data_end_and_close_in_order()
    {
        // Node net: 'connect' then 'ready', 'data', 'end' (the server ends after the client's end, allowHalfOpen false),
        // 'close'(false).
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        int loopThread = Environment.CurrentManagedThreadId;
        TcpServer server = guard.Track(EchoServer(loop, guard));
        var events = new List<string>();

        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.On.Connected(() =>
              {
                  events.Add("connect");
                  Assert.Equal(server.LocalEndPoint, client.RemoteEndPoint);
                  Assert.Equal(IPAddress.Loopback, client.LocalEndPoint!.Address);
                  client.Write("hello");
              })
              .On.Ready(() => events.Add("ready"))
              .On.Data(chunk =>
              {
                  Assert.Equal(loopThread, Environment.CurrentManagedThreadId);
                  events.Add("data " + Encoding.UTF8.GetString(chunk.Span));
                  client.End();
              })
              .On.Ended(() => events.Add("end"))
              .On.Error(error => guard.Fail(error.Message))
              .On.Closed(hadError =>
              {
                  events.Add($"close {hadError}");
                  server.Dispose();
              });

        guard.Run();

        Assert.Equal(["connect", "ready", "data hello", "end", "close False"], events);
        Assert.Equal(5, client.BytesRead);
        Assert.Equal(5, client.BytesWritten);
        Assert.Equal(0, server.ConnectionCount);
    }

    [Fact]
    public void A_mebibyte_written_in_many_chunks_arrives_complete_and_in_order_in_chunks_listeners_may_keep()
    {
        // Node net: a stream delivers bytes in order; 'data' chunks are the listener's to keep (fresh arrays here).
        const int ChunkSize = 4096;
        const int Chunks = 256;
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        var server = guard.Track(new TcpServer(loop));
        var kept = new List<ReadOnlyMemory<byte>>();
        long serverRead = 0;
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            socket.On.Data(kept.Add).On.Error(error => guard.Fail(error.Message));
            socket.On.Ended(() => serverRead = socket.BytesRead);
        });
        server.Listen(0);

        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.On.Error(error => guard.Fail(error.Message)).On.Closed(_ => server.Dispose());
        byte[] chunk = new byte[ChunkSize];
        for (int i = 0; i < Chunks; i++)
        {
            for (int j = 0; j < ChunkSize; j++)
            {
                chunk[j] = Pattern((i * ChunkSize) + j);
            }

            client.Write(chunk); // copied: the same array is refilled for the next chunk
        }

        client.End();
        guard.Run();

        byte[] received = kept.SelectMany(c => c.ToArray()).ToArray();
        Assert.Equal(ChunkSize * Chunks, received.Length);
        Assert.Equal(ChunkSize * Chunks, serverRead);
        Assert.Equal(ChunkSize * Chunks, client.BytesWritten);
        for (int i = 0; i < received.Length; i++)
        {
            Assert.True(received[i] == Pattern(i), $"byte {i} is {received[i]}, expected {Pattern(i)}");
        }
    }

    [Fact]
    public void Write_returns_false_at_the_high_water_mark_then_drain_follows_and_no_byte_is_lost()
    {
        // Node writable: write() returns false once the buffered length reaches highWaterMark; 'drain' when it empties.
        const int ChunkSize = 4096;
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        var server = guard.Track(new TcpServer(loop));
        long serverRead = -1;
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            socket.Resume(); // read and drop, as Node's socket.resume(): 'end' comes once everything is read
            socket.On.Ended(() => serverRead = socket.BytesRead).On.Error(error => guard.Fail(error.Message));
        });
        server.Listen(0);
        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.On.Error(error => guard.Fail(error.Message)).On.Closed(_ => server.Dispose());
        var results = new List<bool>();
        int drains = 0;

        // No send completes while this loop runs (completions reach the loop later), so the count is exact.
        while (results.Count < 100 && (results.Count == 0 || results[^1]))
        {
            results.Add(client.Write(new byte[ChunkSize]));
        }

        int bufferedAtFalse = client.BufferedAmount;
        client.On.Drain(() =>
        {
            drains++;
            Assert.Equal(0, client.BufferedAmount);
            client.End();
        });
        guard.Run();

        Assert.Equal([true, true, true, false], results); // 4 x 4 KiB = 16 KiB, the default mark
        Assert.Equal(TcpSocket.DefaultHighWaterMark, bufferedAtFalse);
        Assert.Equal(1, drains);
        Assert.Equal(4 * ChunkSize, client.BytesWritten);
        Assert.Equal(4 * ChunkSize, serverRead);
    }

    [Fact]
    public void End_half_closes_so_the_peer_gets_end_and_can_still_write_back()
    {
        // Node net: end() sends FIN; with allowHalfOpen the peer keeps writing after 'end', later, then ends itself.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        var server = guard.Track(new TcpServer(loop));
        var serverEvents = new List<string>();
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            socket.AllowHalfOpen = true;
            socket.On.Data(chunk => serverEvents.Add("data " + Encoding.UTF8.GetString(chunk.Span)))
                  .On.Ended(() =>
                  {
                      serverEvents.Add("end");
                      loop.SetImmediate(() =>
                      {
                          socket.Write("answer");
                          socket.End();
                      });
                  })
                  .On.Error(error => guard.Fail(error.Message))
                  .On.Closed(hadError => serverEvents.Add($"close {hadError}"));
        });
        server.Listen(0);

        var clientEvents = new List<string>();
        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.Write("question");
        client.End(); // queued before the connection is made; sent after the write
        client.On.Data(chunk => clientEvents.Add("data " + Encoding.UTF8.GetString(chunk.Span)))
              .On.Ended(() => clientEvents.Add("end"))
              .On.Error(error => guard.Fail(error.Message))
              .On.Closed(hadError =>
              {
                  clientEvents.Add($"close {hadError}");
                  server.Dispose();
              });

        guard.Run();

        Assert.Equal(["data question", "end", "close False"], serverEvents);
        Assert.Equal(["data answer", "end", "close False"], clientEvents);
    }

    [Fact]
    public void Without_half_open_a_write_in_the_end_listener_is_still_sent_before_the_socket_ends()
    {
        // Node net (allowHalfOpen false, the default): the socket ends itself after the 'end' listeners run.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        var server = guard.Track(new TcpServer(loop));
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            socket.On.Ended(() => socket.Write("bye")).On.Error(error => guard.Fail(error.Message));
        });
        server.Listen(0);
        string received = "";
        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.End();
        client.On.Data(chunk => received += Encoding.UTF8.GetString(chunk.Span))
              .On.Error(error => guard.Fail(error.Message))
              .On.Closed(_ => server.Dispose());

        guard.Run();

        Assert.Equal("bye", received);
    }

    [Fact]
    public void Bytes_that_arrive_before_a_data_listener_wait_for_it_and_the_end_waits_for_them()
    {
        // Node: a socket without a 'data' listener has not started flowing, so nothing it receives is lost; its first
        // listener (added a while after the bytes and the peer's FIN arrived) gets them, then 'end'.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        var events = new List<string>();
        TcpSocket? client = null;
        server.On.Connection(socket =>
        {
            guard.Track(socket).Resume(); // nothing to read here; drop it, as Node's resume()
            socket.On.Finish(() => loop.SetTimeout(() => client!.On.Data(chunk => events.Add("data " + Encoding.UTF8.GetString(chunk.Span))), 50));
            socket.Write("early");
            socket.End();
            server.Close();
        });

        client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.On.Ended(() => events.Add("end")).On.Error(error => guard.Fail(error.Message));

        guard.Run();

        Assert.Equal(["data early", "end"], events);
    }

    [Fact]
    public void Pause_stops_data_until_Resume_which_delivers_what_was_held()
    {
        // Node readable: pause() stops 'data' (and 'end'); resume() delivers what arrived meanwhile, in order.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        var server = guard.Track(new TcpServer(loop));
        TcpSocket? client = null;
        var events = new List<string>();
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            socket.HighWaterMark = 0; // so that 'drain' tells when the bytes reached the kernel
            socket.On.Error(error => guard.Fail(error.Message)).Once.Drain(() =>
            {
                socket.End();

                // Loopback hands the bytes to the client's socket at once; its read completion then has 50 ms to reach
                // the loop. Were Pause broken, 'data' would show up here; with it working, nothing can, however long.
                loop.SetTimeout(() =>
                {
                    events.Add($"resume, paused {client!.IsPaused}");
                    client.Resume();
                }, 50);
            });
            Assert.False(socket.Write("held"));
        });
        server.Listen(0);

        client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.On.Connected(client.Pause)
              .On.Data(chunk => events.Add("data " + Encoding.UTF8.GetString(chunk.Span)))
              .On.Ended(() => events.Add("end"))
              .On.Error(error => guard.Fail(error.Message))
              .On.Closed(_ => server.Dispose());

        guard.Run();

        Assert.Equal(["resume, paused True", "data held", "end"], events);
    }

    [Fact]
    public void A_paused_socket_whose_peer_has_reset_leaves_the_loop_asleep_until_it_resumes()
    {
        // libuv stops watching a stream that is not reading (uv__io_stop); epoll reports a reset even to a watch for
        // nothing, so a paused socket must not stay watched, or the loop would spin until Resume.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        var server = guard.Track(new TcpServer(loop).Listen(0));
        var iterations = new CheckHandle(loop);
        int count = 0;
        iterations.Start(() => count++);
        iterations.Unref();
        int whilePaused = -1;
        string? error = null;
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            socket.Pause();
            socket.On.Error(e => error = e.Message).On.Closed(_ => server.Dispose());
            int pausedAt = count;
            loop.SetTimeout(() =>
            {
                whilePaused = count - pausedAt;
                socket.Resume();
            }, 200);
        });

        // Connected, written to and reset before the loop runs: the reset is there from the server's first read on.
        using (var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            raw.Connect(server.LocalEndPoint!);
            raw.Send("x"u8);
            raw.LingerState = new LingerOption(true, 0);
        }

        guard.Run();
        iterations.Dispose();

        Assert.InRange(whilePaused, 0, 10); // a spinning loop turns thousands of times in 200 ms
        Assert.Equal("read ECONNRESET", error);
    }

    [Fact]
    public void Destroy_with_an_error_emits_error_then_close_with_hadError_from_the_close_phase()
    {
        // Node net: destroy(err) emits 'error' then 'close'(true), asynchronously; L10: in the close phase.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(EchoServer(loop, guard, ignoreErrors: true));
        var events = new List<string>();
        var boom = new IOException("boom");
        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.On.Connected(() =>
              {
                  client.Destroy(boom);
                  events.Add("destroyed");
                  Assert.True(client.IsClosing);
                  Assert.False(client.IsActive);
                  client.Destroy(new IOException("ignored: already destroyed"));
              })
              .On.Error(error => events.Add("error " + (ReferenceEquals(error, boom) ? "boom" : error.Message)))
              .On.Closed(hadError =>
              {
                  events.Add($"close {hadError}");
                  server.Dispose();
              });

        guard.Run();

        Assert.Equal(["destroyed", "error boom", "close True"], events);
    }

    [Fact]
    public void Destroy_without_an_error_and_Close_emit_close_false_then_the_close_callback()
    {
        // Node net: destroy() emits 'close'(false) alone; L10: Handle.Close's callback runs after the close event.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(EchoServer(loop, guard, ignoreErrors: true));
        var events = new List<string>();
        TcpSocket first = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        TcpSocket second = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint.Port));
        first.On.Connected(() => first.Destroy())
             .On.Error(error => guard.Fail(error.Message))
             .On.Closed(hadError =>
             {
                 events.Add($"first close {hadError}");
                 second.Close(() =>
                 {
                     events.Add("second close callback");
                     server.Dispose();
                 });
             });
        second.On.Error(error => guard.Fail(error.Message)).On.Closed(hadError => events.Add($"second close {hadError}"));

        guard.Run();

        Assert.Equal(["first close False", "second close False", "second close callback"], events);
    }

    [Fact]
    public void Connect_to_a_port_nobody_listens_on_emits_ECONNREFUSED_then_close_true()
    {
        // Node net: 'error' "connect ECONNREFUSED 127.0.0.1:port" (code, syscall, address, port), then 'close'(true).
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        using Socket bound = BoundNotListening(out int port); // holds the port, and refuses connections to it
        var events = new List<string>();
        NetException? refused = null;
        TcpSocket client = guard.Track(TcpSocket.Connect(loop, port));
        client.On.Connected(() => events.Add("connect"))
              .On.Error(error =>
              {
                  refused = Assert.IsType<NetException>(error);
                  events.Add("error");
              })
              .On.Closed(hadError => events.Add($"close {hadError}"));

        guard.Run();

        Assert.Equal(["error", "close True"], events);
        Assert.Equal($"connect ECONNREFUSED 127.0.0.1:{port}", refused!.Message);
        Assert.Equal("ECONNREFUSED", refused.Code);
        Assert.Equal("connect", refused.Syscall);
        Assert.Equal("127.0.0.1", refused.Address);
        Assert.Equal(port, refused.Port);
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public void An_error_with_no_listener_is_an_uncaught_exception_and_close_still_follows()
    {
        // E2: emitting 'error' with no listener throws the error itself; N8: it goes to UncaughtException.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        using Socket bound = BoundNotListening(out int port);
        var uncaught = new List<Exception>();
        loop.UncaughtException += uncaught.Add;
        bool? closedWithError = null;
        TcpSocket client = guard.Track(TcpSocket.Connect(loop, port));
        client.On.Closed(hadError => closedWithError = hadError);

        guard.Run();

        NetException error = Assert.IsType<NetException>(Assert.Single(uncaught));
        Assert.Equal($"connect ECONNREFUSED 127.0.0.1:{port}", error.Message);
        Assert.True(closedWithError);
    }

    [Fact]
    public void Writing_after_End_or_after_Destroy_throws_and_End_twice_does_nothing()
    {
        // Node writable: ERR_STREAM_WRITE_AFTER_END, ERR_STREAM_DESTROYED; here thrown at the call.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        using Socket bound = BoundNotListening(out int port);
        TcpSocket ended = guard.Track(TcpSocket.Connect(loop, port));
        TcpSocket destroyed = guard.Track(TcpSocket.Connect(loop, port));
        ended.On.Error(_ => { });
        ended.End();
        ended.End();
        destroyed.Destroy();

        var afterEnd = Assert.Throws<InvalidOperationException>(() => ended.Write("late"));
        var afterDestroy = Assert.Throws<ObjectDisposedException>(() => destroyed.Write(new byte[1]));
        destroyed.End(); // a destroyed socket ignores End, as Node's does
        guard.Run();

        Assert.StartsWith("write after end: ", afterEnd.Message);
        Assert.StartsWith("write after destroy: ", afterDestroy.Message);
    }

    [Fact]
    public void End_emits_finish_once_the_writes_are_sent_after_the_call_and_before_the_peers_end_and_close()
    {
        // Node net: 'finish' once end()'s queued writes are flushed and the shutdown is done, from its callback, never
        // inside end(); the echo server answers the end with its own, and 'close' follows both.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(EchoServer(loop, guard));
        var events = new List<string>();

        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.On.Connected(() =>
              {
                  client.Write("bye");
                  client.End();
                  events.Add("End returned");
              })
              .On.Finish(() => events.Add($"finish {client.BufferedAmount}"))
              .On.Data(chunk => events.Add("data " + Encoding.UTF8.GetString(chunk.Span)))
              .On.Ended(() => events.Add("end"))
              .On.Closed(hadError =>
              {
                  events.Add($"close {hadError}");
                  server.Dispose();
              });

        guard.Run();

        Assert.Equal(["End returned", "finish 0", "data bye", "end", "close False"], events);
    }

    [Fact]
    public void A_socket_destroyed_right_after_End_emits_no_finish()
    {
        // Node: destroy() before the shutdown's callback: 'close', and no 'finish'.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(EchoServer(loop, guard, ignoreErrors: true));
        var events = new List<string>();

        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.On.Connected(() =>
              {
                  client.End();
                  client.Destroy();
              })
              .On.Finish(() => events.Add("finish"))
              .On.Closed(hadError =>
              {
                  events.Add($"close {hadError}");
                  server.Dispose();
              });

        guard.Run();

        Assert.Equal(["close False"], events);
    }

    [Fact]
    public void A_name_is_looked_up_then_connected_to_with_the_writes_made_meanwhile()
    {
        // Node net: connect(port, 'localhost') looks the name up ('lookup' per address tried), then connects; writes
        // made before are sent once connected. Every address of the name is tried until one connects.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(EchoServer(loop, guard));
        var lookups = new List<string>();
        string echoed = "";

        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port, "localhost"));
        client.Write("before the lookup");
        client.On.LookedUp((error, address, host) => lookups.Add($"{host} {address} {error?.Message}".TrimEnd()))
              .On.Data(chunk =>
              {
                  echoed += Encoding.UTF8.GetString(chunk.Span);
                  client.End();
              })
              .On.Closed(_ => server.Dispose());

        guard.Run();

        Assert.Equal("before the lookup", echoed);
        Assert.Equal($"localhost {IPAddress.Loopback}", lookups[^1]); // the server listens on 127.0.0.1 only
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port), client.RemoteEndPoint);
    }

    [LinuxFact("all of 127.0.0.0/8 is loopback on Linux")]
    public void The_addresses_of_a_name_are_tried_in_turn_until_one_accepts()
    {
        // Node net (autoSelectFamily): an address that refuses is followed by the next; here one at a time.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(EchoServer(loop, guard)); // on 127.0.0.1: 127.0.0.2 refuses
        IPAddress refusing = IPAddress.Parse("127.0.0.2");
        var lookups = new List<string>();

        TcpSocket client = guard.Track(TcpSocket.ConnectToAny(loop, [refusing, IPAddress.Loopback], server.LocalEndPoint!.Port, "twice"));
        client.On.LookedUp((_, address, host) => lookups.Add($"{host} {address}"))
              .On.Error(error => guard.Fail(error.Message))
              .On.Connected(() => client.End())
              .On.Closed(_ => server.Dispose());

        guard.Run();

        Assert.Equal(["twice 127.0.0.1"], lookups); // the first address's lookup came before the listener
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port), client.RemoteEndPoint);
    }

    [Fact]
    public void When_every_address_of_a_name_refuses_the_last_refusal_is_the_error()
    {
        using var loop = new EventLoop();
        using Socket bound = BoundNotListening(out int port);
        string? error = null;

        TcpSocket client = TcpSocket.ConnectToAny(loop, [IPAddress.Loopback, IPAddress.Loopback], port, "refusing");
        client.On.Error(e => error = e.Message);

        Assert.False(loop.Run());
        Assert.Equal($"connect ECONNREFUSED 127.0.0.1:{port}", error);
    }

    [Fact]
    public void Destroyed_while_its_name_is_looked_up_a_socket_closes_without_connecting()
    {
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        var events = new List<string>();
        server.On.Connection(_ => events.Add("connection"));

        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port, "localhost"));
        client.Write("never sent");
        client.On.LookedUp((_, _, _) => events.Add("lookup"))
              .On.Connected(() => events.Add("connect"))
              .On.Closed(hadError =>
              {
                  events.Add($"close {hadError}");
                  server.Dispose();
              });
        client.Destroy();

        guard.Run();

        Assert.Equal(["close False"], events);
        Assert.Equal(0, client.BytesWritten);
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call()
    {
        // Node net: ERR_SOCKET_BAD_PORT, ERR_INVALID_ARG_TYPE; a name's port is checked before it is looked up.
        using var loop = new EventLoop();

        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => TcpSocket.Connect(null!, 80)).ParamName);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => TcpSocket.Connect(loop, 0)).ParamName);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => TcpSocket.Connect(loop, -1)).ParamName);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => TcpSocket.Connect(loop, 65536)).ParamName);
        Assert.Equal("host", Assert.Throws<ArgumentNullException>(() => TcpSocket.Connect(loop, 80, null!)).ParamName);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => TcpSocket.Connect(loop, 0, "localhost")).ParamName);
        var empty = Assert.Throws<ArgumentException>(() => TcpSocket.Connect(loop, 80, " "));
        Assert.Equal("host", empty.ParamName);
        Assert.StartsWith("host is empty", empty.Message);

        using Socket bound = BoundNotListening(out int port);
        TcpSocket socket = TcpSocket.Connect(loop, port);
        socket.On.Error(_ => { });
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => socket.HighWaterMark = -1).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => socket.Write((string)null!)).ParamName);
        socket.Destroy();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Calls_off_the_loop_thread_throw()
    {
        // Every loop API belongs to the loop thread (README: use Post from other threads).
        using var loop = new EventLoop();
        using Socket bound = BoundNotListening(out int port);
        TcpSocket socket = TcpSocket.Connect(loop, port);
        socket.On.Error(_ => { });
        var calls = new Dictionary<string, Action>
        {
            ["Connect"] = () => TcpSocket.Connect(loop, port),
            ["Write(bytes)"] = () => socket.Write(new byte[1]),
            ["Write(text)"] = () => socket.Write("x"),
            ["End"] = socket.End,
            ["Pause"] = socket.Pause,
            ["Resume"] = socket.Resume,
            ["Destroy"] = () => socket.Destroy(),
            ["SetNoDelay"] = () => socket.SetNoDelay(),
            ["SetKeepAlive"] = () => socket.SetKeepAlive(),
            ["HighWaterMark"] = () => socket.HighWaterMark = 1,
            ["AllowHalfOpen"] = () => socket.AllowHalfOpen = true,
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
        socket.Destroy();
        Assert.False(loop.Run());
    }

    [Fact]
    public void SetNoDelay_and_SetKeepAlive_set_the_socket_options_and_chain()
    {
        // Node net: setNoDelay/setKeepAlive return the socket; on a destroyed socket they do nothing.
        using var loop = new EventLoop();
        using Socket bound = BoundNotListening(out int port);
        TcpSocket socket = TcpSocket.Connect(loop, port);
        socket.On.Error(_ => { });

        Assert.Same(socket, socket.SetNoDelay().SetKeepAlive().SetNoDelay(false).SetKeepAlive(false));
        socket.Destroy();
        Assert.Same(socket, socket.SetNoDelay().SetKeepAlive());
        Assert.False(loop.Run());
    }

    [Fact]
    public void Steady_state_writing_allocates_nothing_on_the_loop_thread()
    {
        // Write copies into pooled segments, a send completes as a (dispatcher, io) pair, and 'drain' is a generated
        // emit: once warm, none of it allocates. The reader is a plain .NET socket on a thread of its own, so that
        // only the writing side runs on the loop thread. On the portable backend .NET's socket engine keeps one send
        // operation cached per socket and puts it back only after the completion callback that posts to the loop has
        // returned: a loop that starts the next send first gets a new 120-byte operation. That happens now and then
        // (more often on a busy machine), never per write, and not at all on epoll, where the loop sends itself.
        const int WarmUpRounds = 1000;
        const int MeasuredRounds = 1000;
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        long received = 0;
        Exception? readerFailure = null;
        var reader = new Thread(() =>
        {
            readerFailure = Record.Exception(() =>
            {
                using Socket peer = listener.Accept();
                byte[] buffer = new byte[64 * 1024];
                for (int count; (count = peer.Receive(buffer)) > 0;)
                {
                    received += count;
                }
            });
        });
        reader.Start();

        TcpSocket client = guard.Track(TcpSocket.Connect(loop, ((IPEndPoint)listener.LocalEndPoint!).Port));
        byte[] chunk = new byte[4096];
        int rounds = 0;
        long before = 0;
        long allocated = -1;
        client.On.Error(error => guard.Fail(error.Message));
        client.On.Drain(() =>
        {
            if (++rounds == WarmUpRounds)
            {
                before = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (rounds == WarmUpRounds + MeasuredRounds)
            {
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                client.End();
                return;
            }

            while (client.Write(chunk))
            {
            }
        });
        while (client.Write(chunk)) // queued until connected; 'drain' follows once the queue empties
        {
        }

        guard.Run();
        reader.Join();

        Assert.Null(readerFailure);
        if (loop.PollBackend == PollBackend.Epoll)
        {
            Assert.Equal(0, allocated);
        }
        else
        {
            Assert.InRange(allocated, 0, 120 * 10); // a few of .NET's operations in 1,000 rounds, not one per write
        }

        Assert.Equal(client.BytesWritten, received);
        Assert.True(received > (long)MeasuredRounds * TcpSocket.DefaultHighWaterMark);
    }

    /// <summary>A server that writes back what it reads; errors on its sockets fail the test unless ignored.</summary>
    internal static TcpServer EchoServer(EventLoop loop, NetGuard guard, bool ignoreErrors = false)
    {
        var server = new TcpServer(loop);
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            socket.On.Data(chunk => socket.Write(chunk)).On.Error(error =>
            {
                if (!ignoreErrors)
                {
                    guard.Fail("server socket: " + error.Message);
                }
            });
        });
        server.On.Error(error => guard.Fail("server: " + error.Message));
        return server.Listen(0);
    }

    /// <summary>A socket bound to a loopback port without listening: the kernel refuses connections to that port.</summary>
    internal static Socket BoundNotListening(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    private static byte Pattern(int index) => (byte)(index % 251);
}
