using Loopwire.Generators.Tests.Semantics.Emitters;
using Loopwire.Generators.Tests.Semantics.Wired;

namespace Loopwire.Generators.Tests.Semantics;

/// <summary>
/// What a generated <c>loop.Attach(...)</c> wires: loop-phase callbacks in their phases (L3, L9), intervals (L6),
/// event handlers on emitters, and a registration whose disposal undoes it all (L1, L2, L10).
/// </summary>
public sealed class WiringTests
{
    [Fact]
    public void Phase_callbacks_run_in_their_phases()
    {
        // L3, L9: idle and prepare run before the poll phase, check right after it
        using var loop = new EventLoop();
        var recorder = new PhaseRecorder();
        using var registration = loop.Attach(recorder, new Server());

        loop.Run(RunMode.Once);

        Assert.Equal(["idle", "prepare", "check"], recorder.Calls);
    }

    [Fact]
    public void Event_handlers_receive_the_payload_including_async_ones()
    {
        using var loop = new EventLoop();
        var recorder = new PhaseRecorder();
        var server = new Server();
        using var registration = loop.Attach(recorder, server);

        Assert.True(server.Connection("a"));
        Assert.True(server.Data(1, 2));

        Assert.Equal(["connection a", "data 3"], recorder.Calls);
        Assert.Equal(1, server.Listeners.Connection.Count);
    }

    [Fact]
    public void An_interval_callback_runs_until_the_registration_is_disposed()
    {
        // L6: the interval repeats; L1: once its registration is disposed, nothing keeps the loop alive
        using var loop = new EventLoop();
        LoopRegistration? registration = null;
        var ticker = new Ticker { OnTick = t => { if (t.Ticks == 3) registration!.Dispose(); } };
        registration = loop.Attach(ticker);

        loop.Run();

        Assert.Equal(3, ticker.Ticks);
        Assert.All(registration.Handles, handle => Assert.True(handle.IsClosed));
    }

    [Fact]
    public void Disposing_the_registration_closes_the_handles_and_unsubscribes_the_handlers()
    {
        // L10: the handles close in the close phase; L1: the loop then has nothing to keep it alive
        using var loop = new EventLoop();
        var recorder = new PhaseRecorder();
        var server = new Server();
        var registration = loop.Attach(recorder, server);
        Assert.Equal(3, registration.Handles.Count);

        registration.Dispose();
        registration.Dispose();

        Assert.True(registration.IsDisposed);
        Assert.All(registration.Handles, handle => Assert.True(handle.IsClosing));
        Assert.Equal(0, server.Listeners.Connection.Count);
        Assert.Equal(0, server.Listeners.Data.Count);
        Assert.False(server.Connection("late"));
        loop.Run();
        Assert.Empty(recorder.Calls);
        Assert.All(registration.Handles, handle => Assert.True(handle.IsClosed));
    }

    [Fact]
    public void An_unrefed_registration_does_not_keep_the_loop_alive()
    {
        // L2: Unref applies to every handle the registration holds; they keep running while the loop runs
        using var loop = new EventLoop();
        var recorder = new PhaseRecorder();
        using var registration = loop.Attach(recorder, new Server()).Unref();

        Assert.False(loop.IsAlive);
        loop.Run();
        Assert.Empty(recorder.Calls);

        registration.Ref();
        Assert.True(loop.IsAlive);
        loop.Run(RunMode.Once);
        Assert.Equal(["idle", "prepare", "check"], recorder.Calls);
    }

    [Fact]
    public void Attach_rejects_null_arguments_and_other_threads()
    {
        using var loop = new EventLoop();

        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => loop.Attach((PhaseRecorder)null!, new Server())).ParamName);
        Assert.Equal("server", Assert.Throws<ArgumentNullException>(() => loop.Attach(new PhaseRecorder(), null!)).ParamName);
        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => ((EventLoop)null!).Attach(new Ticker())).ParamName);

        Exception? offLoop = null;
        var thread = new Thread(() => offLoop = Record.Exception(() => loop.Attach(new Ticker())));
        thread.Start();
        thread.Join();
        Assert.IsType<InvalidOperationException>(offLoop);
    }

    [Fact]
    public void A_callback_that_cannot_start_leaves_nothing_wired()
    {
        // L1, L10: the check handle started before the failing signal is closed again; once its close callback
        // has run, nothing keeps the loop alive
        using var loop = new EventLoop();

        var error = Record.Exception(() => loop.Attach(new UnwatchableSignal()));

        Assert.IsType<PlatformNotSupportedException>(error);
        loop.Run();
        Assert.False(loop.IsAlive);
    }
}
