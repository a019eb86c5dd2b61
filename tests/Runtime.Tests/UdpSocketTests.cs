using System.Net;
using System.Net.Sockets;
using System.Text;
using Loopwire.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// UdpSocket on loopback: Node's dgram events, the loop's liveness rules, every callback on the loop thread. Each
/// test runs the loop until its own callbacks have closed every socket; a ref'd guard timeout fails a hang instead.
/// Loopback does not lose datagrams at these volumes; order is asserted only for a ping-pong, one datagram at a time.
/// </summary>
public sealed class UdpSocketTests
{
    [Fact]
    public void Bind_on_port_0_picks_a_port_at_once_and_emits_listening_from_the_loop()
    {
        // Node dgram: bind() then 'listening' from the loop, not inside the call; L1: a bound socket is active.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        UdpSocket socket = guard.Track(new UdpSocket(loop));
        IPEndPoint? seen = null;
        socket.On.Listening(() =>
        {
            seen = socket.LocalEndPoint;
            socket.Close();
        });
        Assert.False(socket.IsActive);
        Assert.Null(socket.LocalEndPoint);

        Assert.Same(socket, socket.Bind());
        Assert.Null(seen);
        Assert.True(socket.IsActive);
        Assert.Equal(IPAddress.Loopback, socket.LocalEndPoint!.Address);
        Assert.NotEqual(0, socket.LocalEndPoint.Port);
        guard.Run();

        Assert.Equal(socket.LocalEndPoint, seen);
    }

    [LinuxFact("the loop is the epoll backend's, as libuv's")]
    public void A_readiness_receives_the_waiting_datagrams_32_at_most_as_libuv_uv__udp_recvmsg()
    {
        // libuv's uv__udp_recvmsg receives up to 32 datagrams per readiness report, until EAGAIN.
        const int Datagrams = 40;
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        var guard = new NetGuard(loop);
        UdpSocket socket = guard.Track(new UdpSocket(loop).Bind());
        using var iterations = new IterationCounter(loop);
        var messageIterations = new List<long>();
        socket.On.Error(error => guard.Fail(error.Message)).On.Message((_, _) =>
        {
            messageIterations.Add(iterations.Current);
            if (messageIterations.Count == Datagrams)
            {
                socket.Close();
            }
        });

        // All of them wait in the kernel before the loop first looks.
        using (var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            for (int i = 0; i < Datagrams; i++)
            {
                sender.SendTo("datagram"u8, socket.LocalEndPoint!);
            }
        }

        guard.Run();

        int[] perIteration = [.. messageIterations.CountBy(iteration => iteration).Select(pair => pair.Value)];
        Assert.Equal([32, 8], perIteration);
    }

    [Fact]
    public void Ping_pong_delivers_each_payload_with_the_senders_endpoint_on_the_loop_thread()
    {
        // Node dgram: 'message' (msg, rinfo) carries the sender's address and port; one datagram at a time, so the
        // order of the exchange is the order of the events.
        const int Rounds = 5;
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        int loopThread = Environment.CurrentManagedThreadId;
        UdpSocket ping = guard.Track(new UdpSocket(loop).Bind());
        UdpSocket pong = guard.Track(new UdpSocket(loop).Bind());
        var events = new List<string>();
        pong.On.Error(error => guard.Fail("pong: " + error.Message)).On.Message((message, remote) =>
        {
            Assert.Equal(loopThread, Environment.CurrentManagedThreadId);
            Assert.Equal(ping.LocalEndPoint, remote);
            string text = Encoding.UTF8.GetString(message.Span);
            events.Add("pong got " + text);
            pong.Send(text.Replace("ping", "pong"), remote.Port, remote.Address.ToString());
        });
        ping.On.Error(error => guard.Fail("ping: " + error.Message)).On.Message((message, remote) =>
        {
            Assert.Equal(pong.LocalEndPoint, remote);
            string text = Encoding.UTF8.GetString(message.Span);
            events.Add("ping got " + text);
            if (events.Count < 2 * Rounds)
            {
                ping.Send($"ping {events.Count / 2}", pong.LocalEndPoint!.Port);
            }
            else
            {
                ping.Close();
                pong.Close();
            }
        });

        ping.Send("ping 0", pong.LocalEndPoint!.Port);
        guard.Run();

        Assert.Equal(
            Enumerable.Range(0, Rounds).SelectMany(i => new[] { $"pong got ping {i}", $"ping got pong {i}" }),
            events);
    }

    [Fact]
    public void Send_from_an_unbound_socket_binds_it_to_a_free_port_on_every_interface_and_it_then_receives()
    {
        // Node dgram: send() on an unbound socket binds it to port 0 on 0.0.0.0 first, emitting 'listening'; the
        // peer sees that port, and the socket receives the reply (L1: it is active from then on).
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        UdpSocket server = guard.Track(new UdpSocket(loop).Bind());
        UdpSocket client = guard.Track(new UdpSocket(loop));
        var events = new List<string>();
        IPEndPoint? seenByServer = null;
        server.On.Message((message, remote) =>
        {
            seenByServer = remote;
            server.Send(message, remote.Port);
        });
        client.On.Listening(() => events.Add("listening"))
              .On.Error(error => guard.Fail(error.Message))
              .On.Message((message, remote) =>
              {
                  events.Add("echo " + Encoding.UTF8.GetString(message.Span));
                  client.Close();
                  server.Close();
              });

        client.Send("hello", server.LocalEndPoint!.Port);
        Assert.True(client.IsActive);
        Assert.Equal(IPAddress.Any, client.LocalEndPoint!.Address);
        Assert.NotEqual(0, client.LocalEndPoint.Port);
        Assert.StartsWith("bind: this UdpSocket is already bound to 0.0.0.0:", Assert.Throws<InvalidOperationException>(() => client.Bind()).Message);
        guard.Run();

        Assert.Equal(["listening", "echo hello"], events);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, client.LocalEndPoint.Port), seenByServer);
    }

    [Fact]
    public void A_port_in_use_emits_bind_EADDRINUSE_from_the_loop_and_the_socket_may_bind_again()
    {
        // Node dgram: a failed bind is an 'error' event ("bind EADDRINUSE 127.0.0.1:port", exceptionWithHostPort),
        // and the socket is unbound again. No reuse option is set: .NET's ReuseAddress would set SO_REUSEPORT on
        // Linux and let both bind.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        UdpSocket first = guard.Track(new UdpSocket(loop).Bind());
        int port = first.LocalEndPoint!.Port;
        UdpSocket second = guard.Track(new UdpSocket(loop));
        var events = new List<string>();
        NetException? inUse = null;
        second.On.Listening(() =>
        {
            events.Add($"listening {second.LocalEndPoint!.Port != port}");
            first.Close();
            second.Close();
        });
        second.On.Error(error =>
        {
            inUse = Assert.IsType<NetException>(error);
            events.Add("error");
            Assert.False(second.IsActive);
            second.Bind();
        });

        second.Bind(port);
        Assert.Null(second.LocalEndPoint);
        Assert.Null(inUse);
        guard.Run();

        Assert.Equal(["error", "listening True"], events);
        Assert.Equal($"bind EADDRINUSE 127.0.0.1:{port}", inUse!.Message);
        Assert.Equal("EADDRINUSE", inUse.Code);
        Assert.Equal("bind", inUse.Syscall);
        Assert.Equal("127.0.0.1", inUse.Address);
        Assert.Equal(port, inUse.Port);
        Assert.Equal(SocketError.AddressAlreadyInUse, inUse.SocketErrorCode);
    }

    [Fact]
    public void A_bind_error_with_no_listener_is_an_uncaught_exception()
    {
        // E2: 'error' with no listener throws the error itself; N8: with no UncaughtException handler, Run rethrows it.
        // The guard closes both sockets should the bind wrongly succeed, so that Run returns and the test fails.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        UdpSocket first = guard.Track(new UdpSocket(loop).Bind());
        UdpSocket second = guard.Track(new UdpSocket(loop));

        second.Bind(first.LocalEndPoint!.Port);
        var error = Assert.Throws<NetException>(() => loop.Run());

        Assert.Equal($"bind EADDRINUSE 127.0.0.1:{first.LocalEndPoint.Port}", error.Message);
    }

    [Fact]
    public void Close_emits_close_in_the_close_phase_then_the_callback_and_no_message_after_it()
    {
        // L10: closing stops the handle at once; 'close' then the close callback run in the close phase, after the
        // check phase (an immediate queued by the same listener runs first). Three
        // datagrams wait in the kernel before the loop runs (a blocking sendto on loopback queues them at the
        // receiver); the socket closes on the first, and the others are never emitted.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        UdpSocket socket = guard.Track(new UdpSocket(loop).Bind());
        using (var raw = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            for (int i = 0; i < 3; i++)
            {
                raw.SendTo(Encoding.UTF8.GetBytes($"datagram {i}"), socket.LocalEndPoint!);
            }
        }

        var events = new List<string>();
        socket.On.Error(error => guard.Fail(error.Message)).On.Message((message, _) =>
        {
            events.Add("message");
            socket.Close(() => events.Add("close callback"));
            Assert.False(socket.IsActive);
            loop.SetImmediate(() => events.Add("immediate after close"));
        });
        socket.On.Closed(() => events.Add("close"));

        guard.Run();

        Assert.Equal(["message", "immediate after close", "close", "close callback"], events);
    }

    [Fact]
    public void Closing_before_listening_is_emitted_emits_only_close()
    {
        // Node dgram: a socket closed before its bind completes emits no 'listening'; L10: 'close' in the close phase.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        UdpSocket socket = guard.Track(new UdpSocket(loop));
        var events = new List<string>();
        socket.On.Listening(() => events.Add("listening")).On.Closed(() => events.Add("close"));

        socket.Bind().Close();
        guard.Run();

        Assert.Equal(["close"], events);
    }

    [Fact]
    public void A_bound_socket_keeps_the_loop_alive_and_an_unrefd_one_does_not_but_still_receives()
    {
        // L1: an active ref'd handle keeps the loop alive; L2: an unref'd one does not, and still works while
        // something else (here the ref'd sender) keeps the loop alive.
        using var loop = new EventLoop();
        var receiver = new UdpSocket(loop);
        Assert.False(loop.IsAlive);
        receiver.Bind();
        Assert.True(loop.IsAlive);

        receiver.Unref();
        Assert.False(loop.IsAlive);
        Assert.False(loop.Run());
        Assert.True(receiver.IsActive);

        var guard = new NetGuard(loop);
        UdpSocket sender = guard.Track(new UdpSocket(loop));
        string received = "";
        receiver.On.Message((message, _) =>
        {
            received = Encoding.UTF8.GetString(message.Span);
            sender.Close();
        });
        sender.Send("unref'd", receiver.LocalEndPoint!.Port);
        guard.Run(); // ends once the sender closes: the unref'd receiver does not hold the loop

        Assert.Equal("unref'd", received);
        Assert.True(receiver.IsActive);
        receiver.Close();
        Assert.False(loop.Run());
        Assert.True(receiver.IsClosed);
    }

    [Fact]
    public void Datagrams_of_0_60000_and_65507_bytes_arrive_whole_in_arrays_listeners_may_keep()
    {
        // Node dgram: a datagram arrives whole (65,507 bytes is IPv4's largest payload) or not at all; an empty one
        // is a message too. Send copies, so the caller's buffer is overwritten at once here; each received message is
        // a fresh array, kept here past its event. Matched by size, not by arrival order.
        int[] sizes = [0, 60_000, 65_507];
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        UdpSocket receiver = guard.Track(new UdpSocket(loop).Bind());
        UdpSocket sender = guard.Track(new UdpSocket(loop).Bind());
        var kept = new List<ReadOnlyMemory<byte>>();
        receiver.On.Error(error => guard.Fail(error.Message)).On.Message((message, _) =>
        {
            kept.Add(message);
            if (kept.Count == sizes.Length)
            {
                receiver.Close();
                sender.Close();
            }
        });
        sender.On.Error(error => guard.Fail(error.Message));
        byte[] buffer = new byte[sizes.Max()];
        foreach (int size in sizes)
        {
            for (int i = 0; i < size; i++)
            {
                buffer[i] = Pattern(i + size);
            }

            sender.Send(buffer.AsMemory(0, size), receiver.LocalEndPoint!.Port);
            Array.Clear(buffer);
        }

        guard.Run();

        Assert.Equal(sizes, kept.Select(m => m.Length).Order());
        foreach (ReadOnlyMemory<byte> message in kept)
        {
            byte[] bytes = message.ToArray();
            for (int i = 0; i < bytes.Length; i++)
            {
                Assert.True(bytes[i] == Pattern(i + bytes.Length), $"byte {i} of the {bytes.Length}-byte datagram is {bytes[i]}");
            }
        }
    }

    [Fact]
    public void A_datagram_too_large_is_a_send_EMSGSIZE_error_and_the_next_datagram_still_goes()
    {
        // Node dgram: a failed send is "send EMSGSIZE 127.0.0.1:port" (exceptionWithHostPort, here an 'error' event
        // since Send takes no callback); the socket goes on with its queue.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        UdpSocket receiver = guard.Track(new UdpSocket(loop).Bind());
        UdpSocket sender = guard.Track(new UdpSocket(loop).Bind());
        int port = receiver.LocalEndPoint!.Port;
        var events = new List<string>();
        NetException? tooLarge = null;
        sender.On.Error(error =>
        {
            tooLarge = Assert.IsType<NetException>(error);
            events.Add("error");
        });
        receiver.On.Message((message, _) =>
        {
            events.Add("message " + Encoding.UTF8.GetString(message.Span));
            receiver.Close();
            sender.Close();
        });

        sender.Send(new byte[65_508], port);
        sender.Send("after", port);
        guard.Run();

        Assert.Equal(["error", "message after"], events);
        Assert.Equal($"send EMSGSIZE 127.0.0.1:{port}", tooLarge!.Message);
        Assert.Equal("EMSGSIZE", tooLarge.Code);
        Assert.Equal("send", tooLarge.Syscall);
        Assert.Equal("127.0.0.1", tooLarge.Address);
        Assert.Equal(port, tooLarge.Port);
    }

    [LinuxFact("127.255.255.255 is the loopback network's broadcast address in Linux's local routing table")]
    public void A_broadcast_needs_SetBroadcast_without_it_the_send_is_EACCES()
    {
        // Node dgram: setBroadcast(true) sets SO_BROADCAST; without it a send to a broadcast address fails with
        // EACCES. A socket bound to 0.0.0.0 receives the loopback broadcast.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        UdpSocket receiver = guard.Track(new UdpSocket(loop).Bind(0, "0.0.0.0"));
        UdpSocket sender = guard.Track(new UdpSocket(loop).Bind());
        int port = receiver.LocalEndPoint!.Port;
        var events = new List<string>();
        sender.Once.Error(error => // once: a second failure is then uncaught and fails the run, instead of looping
        {
            events.Add(error.Message);
            Assert.Same(sender, sender.SetBroadcast());
            sender.Send("to all", port, "127.255.255.255");
        });
        receiver.On.Error(error => guard.Fail(error.Message)).On.Message((message, remote) =>
        {
            events.Add($"{Encoding.UTF8.GetString(message.Span)} from {remote.Port == sender.LocalEndPoint!.Port}");
            receiver.Close();
            sender.Close();
        });

        sender.Send("to all", port, "127.255.255.255");
        guard.Run();

        Assert.Equal([$"send EACCES 127.255.255.255:{port}", "to all from True"], events);
    }

    [Fact]
    public void A_udp6_socket_exchanges_datagrams_over_ipv6_loopback()
    {
        // Node dgram: createSocket('udp6'); the default address is the family's loopback, ::1.
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        UdpSocket receiver = guard.Track(new UdpSocket(loop, AddressFamily.InterNetworkV6).Bind());
        UdpSocket sender = guard.Track(new UdpSocket(loop, AddressFamily.InterNetworkV6).Bind());
        IPEndPoint? from = null;
        string text = "";
        receiver.On.Error(error => guard.Fail(error.Message)).On.Message((message, remote) =>
        {
            (text, from) = (Encoding.UTF8.GetString(message.Span), remote);
            receiver.Close();
            sender.Close();
        });

        sender.Send("over ::1", receiver.LocalEndPoint!.Port);
        guard.Run();

        Assert.Equal(IPAddress.IPv6Loopback, receiver.LocalEndPoint.Address);
        Assert.Equal("over ::1", text);
        Assert.Equal(sender.LocalEndPoint, from);
    }

    [Fact]
    public void Bad_arguments_a_second_bind_and_use_after_close_throw_at_the_call()
    {
        // Node dgram: ERR_SOCKET_BAD_TYPE, ERR_SOCKET_BAD_PORT (send needs a port above 0), ERR_SOCKET_ALREADY_BOUND,
        // ERR_SOCKET_DGRAM_NOT_RUNNING; names are not looked up here (see the message); L10: closing twice throws.
        using var loop = new EventLoop();
        using var socket = new UdpSocket(loop);
        using var udp6 = new UdpSocket(loop, AddressFamily.InterNetworkV6);

        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => new UdpSocket(null!)).ParamName);
        Assert.Equal("family", Assert.Throws<ArgumentOutOfRangeException>(() => new UdpSocket(loop, AddressFamily.Unix)).ParamName);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => socket.Bind(-1)).ParamName);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => socket.Bind(65536)).ParamName);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => socket.Send("x", 0)).ParamName);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => socket.Send("x", 65536)).ParamName);
        Assert.Equal("message", Assert.Throws<ArgumentNullException>(() => socket.Send((string)null!, 9)).ParamName);
        var name = Assert.Throws<ArgumentException>(() => socket.Send("x", 9, "localhost"));
        Assert.Equal("host", name.ParamName);
        Assert.Contains("resolve a name first with loop.Dns.LookupAsync(name)", name.Message);
        var v6OnV4 = Assert.Throws<ArgumentException>(() => socket.Bind(0, "::1"));
        Assert.Equal("host", v6OnV4.ParamName);
        Assert.StartsWith(
            "host '::1' is an IPv6 address, but this UdpSocket is udp4 (AddressFamily.InterNetwork); create the socket with AddressFamily.InterNetworkV6 to use it.",
            v6OnV4.Message);
        var v4OnV6 = Assert.Throws<ArgumentException>(() => udp6.Send("x", 9, "127.0.0.1"));
        Assert.StartsWith("host '127.0.0.1' is an IPv4 address, but this UdpSocket is udp6", v4OnV6.Message);
        Assert.Null(socket.LocalEndPoint); // nothing above bound the socket
        Assert.False(socket.IsActive);

        socket.Bind();
        var twice = Assert.Throws<InvalidOperationException>(() => socket.Bind());
        Assert.Equal(
            $"bind: this UdpSocket is already bound to {socket.LocalEndPoint}; a socket binds once, and Send binds an unbound socket itself (Node's ERR_SOCKET_ALREADY_BOUND).",
            twice.Message);
        socket.Close();
        var closed = Assert.Throws<ObjectDisposedException>(() => socket.Send(new byte[1], 9));
        Assert.StartsWith("send: this UdpSocket is closed; create a new one (Node's ERR_SOCKET_DGRAM_NOT_RUNNING).", closed.Message);
        Assert.Throws<ObjectDisposedException>(() => socket.Bind());
        Assert.Throws<ObjectDisposedException>(() => socket.SetBroadcast());
        Assert.Throws<InvalidOperationException>(() => socket.Close());
        udp6.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Calls_off_the_loop_thread_throw()
    {
        // Every loop API belongs to the loop thread (README: use Post from other threads).
        using var loop = new EventLoop();
        using var socket = new UdpSocket(loop);
        var calls = new Dictionary<string, Action>
        {
            ["new UdpSocket"] = () => _ = new UdpSocket(loop),
            ["Bind"] = () => socket.Bind(),
            ["Send(bytes)"] = () => socket.Send(new byte[1], 9),
            ["Send(text)"] = () => socket.Send("x", 9),
            ["SetBroadcast"] = () => socket.SetBroadcast(),
            ["Unref"] = socket.Unref,
            ["Close"] = () => socket.Close(),
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
        Assert.Null(socket.LocalEndPoint);
        Assert.False(socket.IsClosing);
    }

    private static byte Pattern(int index) => (byte)(index % 251);
}
