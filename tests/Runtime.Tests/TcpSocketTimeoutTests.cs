using Loopwire.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Node's <c>socket.setTimeout</c>: 'timeout' after an idle period, restarted by activity, once per idle spell, with
/// the socket left open and the loop not kept alive by the wait. Time moves only through a manual clock (L6: timers
/// compare against the loop's time), and the loop runs one iteration at a time while the sockets' I/O arrives.
/// </summary>
public sealed class TcpSocketTimeoutTests
{
    private const int MaxIterations = 1_000;

    [Fact]
    public void Timeout_follows_an_idle_spell_restarts_with_activity_and_is_not_repeated_while_idle()
    {
        using var loop = Loops.WithClock(out ManualClock clock);
        var server = new TcpServer(loop).Listen(0);
        TcpSocket? accepted = null;
        server.On.Connection(socket => accepted = socket);
        TcpSocket client = TcpSocket.Connect(loop, server.LocalEndPoint!.Port);
        int timeouts = 0;
        int received = 0;
        client.On.TimedOut(() => timeouts++).On.Data(_ => received++);
        RunUntil(loop, () => accepted is not null && client.RemoteEndPoint is not null);

        client.SetTimeout(1000);
        Advance(loop, clock, 900);
        Assert.Equal(0, timeouts);

        accepted!.Write("x"); // activity for the client at 900: its wait now ends at 1900
        RunUntil(loop, () => received == 1);
        Advance(loop, clock, 900);
        Assert.Equal(0, timeouts);

        Advance(loop, clock, 100);
        Assert.Equal(1, timeouts);
        Assert.False(client.IsClosing);

        Advance(loop, clock, 10_000);
        Assert.Equal(1, timeouts); // idle still, but told once

        client.Destroy();
        server.Close();
        accepted.Destroy();
        Assert.False(loop.Run());
    }

    [Fact]
    public void The_callback_is_a_once_listener_and_zero_removes_it_as_in_Node()
    {
        using var loop = Loops.WithClock(out ManualClock clock);
        var server = new TcpServer(loop).Listen(0);
        TcpSocket? accepted = null;
        server.On.Connection(socket => accepted = socket);
        TcpSocket client = TcpSocket.Connect(loop, server.LocalEndPoint!.Port);
        int timeouts = 0, callbacks = 0, removed = 0;
        void Removed() => removed++;
        client.On.TimedOut(() => timeouts++).On.Data(_ => { });
        RunUntil(loop, () => accepted is not null && client.RemoteEndPoint is not null);

        client.SetTimeout(1000, () => callbacks++);
        Advance(loop, clock, 1000);
        Assert.Equal((1, 1), (timeouts, callbacks));
        accepted!.Write("x"); // activity: the client idles once more
        RunUntil(loop, () => client.BytesRead == 1);
        Advance(loop, clock, 1000);
        Assert.Equal((2, 1), (timeouts, callbacks));

        client.SetTimeout(1000, Removed);
        client.SetTimeout(0, Removed);
        Assert.Equal(0, client.Timeout);
        client.SetTimeout(1000);
        Advance(loop, clock, 1000);
        Assert.Equal((3, 0), (timeouts, removed));

        client.Destroy();
        server.Close();
        accepted.Destroy();
        Assert.False(loop.Run());
    }

    [Fact]
    public void The_wait_does_not_keep_the_loop_alive_and_zero_turns_it_off()
    {
        // Real time here: a wait that kept the loop alive would make Run last 50 ms and emit 'timeout'.
        using var loop = new EventLoop();
        var server = new TcpServer(loop).Listen(0);
        var accepted = new List<TcpSocket>();
        server.On.Connection(socket =>
        {
            socket.Unref();
            accepted.Add(socket);
        });
        TcpSocket client = TcpSocket.Connect(loop, server.LocalEndPoint!.Port);
        int timeouts = 0;
        client.On.TimedOut(() => timeouts++);

        client.SetTimeout(50).SetTimeout(0);
        Assert.Equal(0, client.Timeout);
        client.SetTimeout(50);
        Assert.Equal(50, client.Timeout);
        client.Unref();
        server.Unref();

        Assert.False(loop.Run()); // only unref'd sockets and the unref'd wait are left: nothing keeps the loop
        Assert.Equal(0, timeouts);
        client.Destroy();
        server.Close();
        accepted.ForEach(socket => socket.Destroy());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(2147483648d)]
    public void A_timeout_out_of_range_is_rejected_with_the_range(double milliseconds)
    {
        using var loop = new EventLoop();
        var server = new TcpServer(loop).Listen(0);
        TcpSocket client = TcpSocket.Connect(loop, server.LocalEndPoint!.Port);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => client.SetTimeout(milliseconds));

        Assert.Equal("milliseconds", error.ParamName);
        Assert.StartsWith("The timeout must be 0 (none) or a number of milliseconds up to 2147483647", error.Message);
        client.Destroy();
        server.Close();
        loop.Run();
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
