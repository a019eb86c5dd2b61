using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Exceptions escaping callbacks (Node's test-timers-uncaught-exception, -interval-throw, test-next-tick-errors):
/// a throwing callback never loses the other callbacks of its phase.
/// </summary>
public sealed class UncaughtExceptionTests
{
    public static TheoryData<string> Phases => new()
    {
        "timer", "immediate", "idle", "prepare", "check", "close", "work completion", "post", "tick", "microtask",
    };

    /// <summary>Phases whose remaining callbacks keep the loop alive on their own, so a later Run gets to them.</summary>
    public static TheoryData<string> PhasesThatKeepTheLoopAlive => new()
    {
        "timer", "immediate", "idle", "prepare", "check", "close", "work completion",
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public void With_a_handler_the_other_callbacks_of_the_phase_still_run(string phase)
    {
        // N8: the handler sees the exception and the loop carries on.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var error = new InvalidOperationException("boom");
        var caught = new List<Exception>();
        var log = new List<string>();
        loop.UncaughtException += caught.Add;
        Schedule(loop, phase, () => throw error, () => log.Add("second"));
        clock.Advance(1);

        Assert.False(loop.Run());

        Assert.Equal([error], caught);
        Assert.Equal(["second"], log);
    }

    [Theory]
    [MemberData(nameof(PhasesThatKeepTheLoopAlive))]
    public void Without_a_handler_Run_rethrows_and_a_later_Run_runs_what_remained(string phase)
    {
        // N8: the loop stops and Run reports the failure; nothing queued behind the throw is lost.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var error = new InvalidOperationException("boom");
        var log = new List<string>();
        Schedule(loop, phase, () => throw error, () => log.Add("second"));
        clock.Advance(1);

        var thrown = Assert.Throws<InvalidOperationException>(() => loop.Run());
        Assert.Same(error, thrown);
        Assert.False(loop.IsRunning);

        Assert.False(loop.Run());
        Assert.Equal(["second"], log);
    }

    [Fact]
    public void Throwing_timer_does_not_stop_the_next_timer_of_the_pass()
    {
        // N8 (Node test-timers-uncaught-exception): both timers were due; the handler sees one error.
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.UncaughtException += e => log.Add($"uncaught {e.Message}");
        loop.SetTimeout(() => throw new InvalidOperationException("first"), 1);
        loop.SetTimeout(() => log.Add("second"), 1);

        Assert.False(loop.Run());

        Assert.Equal(["uncaught first", "second"], log);
    }

    [Fact]
    public void Interval_keeps_firing_when_its_callback_throws()
    {
        // L7, N8 (Node test-timers-interval-throw): the handler clears the interval after two throws.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int throws = 0;
        Timer interval = loop.SetInterval(() => throw new InvalidOperationException("interval"), 1);
        loop.UncaughtException += _ =>
        {
            if (++throws == 2)
            {
                loop.ClearInterval(interval);
            }
        };

        while (loop.Run(RunMode.NoWait))
        {
            clock.Advance(1);
        }

        Assert.Equal(2, throws);
    }

    [Fact]
    public void Interval_stays_scheduled_when_Run_rethrows_its_exception()
    {
        // L7, N8: without a handler the interval was re-armed before its callback threw.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int fired = 0;
        Timer interval = loop.SetInterval(
            () =>
            {
                if (++fired == 1)
                {
                    throw new InvalidOperationException("first");
                }
            },
            5);
        clock.Advance(5);

        Assert.Throws<InvalidOperationException>(() => loop.Run(RunMode.NoWait));
        Assert.True(interval.IsActive);
        Assert.Equal(10, interval.Due);

        clock.Advance(5);
        loop.Run(RunMode.NoWait);
        Assert.Equal(2, fired);
        interval.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Throwing_tick_is_removed_and_the_ticks_after_it_still_run()
    {
        // N8 (Node test-next-tick-errors)
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.UncaughtException += e => log.Add($"uncaught {e.Message}");
        loop.SetImmediate(() =>
        {
            loop.NextTick(() => log.Add("tick 1"));
            loop.NextTick(() => throw new InvalidOperationException("tick 2"));
            loop.NextTick(() => log.Add("tick 3"));
        });
        loop.SetImmediate(() => log.Add("immediate"));

        loop.Run();

        Assert.Equal(["tick 1", "uncaught tick 2", "tick 3", "immediate"], log);
    }

    [Fact]
    public void Exception_from_the_handler_itself_ends_Run()
    {
        // N8: a failing handler is itself uncaught; Run reports it rather than looping on it.
        using var loop = new EventLoop();
        var handlerError = new InvalidOperationException("handler failed");
        loop.UncaughtException += _ => throw handlerError;
        loop.SetImmediate(() => throw new InvalidOperationException("callback failed"));

        Assert.Same(handlerError, Assert.Throws<InvalidOperationException>(() => loop.Run()));
        Assert.False(loop.IsRunning);
    }

    [Fact]
    public void Handler_can_be_removed()
    {
        // N8: with the handler gone, Run rethrows again.
        using var loop = new EventLoop();
        int seen = 0;
        void Handler(Exception _) => seen++;
        loop.UncaughtException += Handler;
        loop.SetImmediate(() => throw new InvalidOperationException("first"));
        loop.Run();

        loop.UncaughtException -= Handler;
        loop.SetImmediate(() => throw new InvalidOperationException("second"));

        Assert.Throws<InvalidOperationException>(() => loop.Run());
        Assert.Equal(1, seen);
    }

    private static void Schedule(EventLoop loop, string phase, Action first, Action second)
    {
        switch (phase)
        {
            case "timer":
                loop.SetTimeout(first, 1);
                loop.SetTimeout(second, 1);
                break;
            case "immediate":
                loop.SetImmediate(first);
                loop.SetImmediate(second);
                break;
            case "idle":
                StartSelfClosing(new IdleHandle(loop), first);
                StartSelfClosing(new IdleHandle(loop), second);
                break;
            case "prepare":
                StartSelfClosing(new PrepareHandle(loop), first);
                StartSelfClosing(new PrepareHandle(loop), second);
                break;
            case "check":
                // The ref'd immediate keeps the first poll from waiting forever for I/O (L4).
                loop.SetImmediate(() => { });
                StartSelfClosing(new CheckHandle(loop), first);
                StartSelfClosing(new CheckHandle(loop), second);
                break;
            case "close":
                new CheckHandle(loop).Close(first);
                new CheckHandle(loop).Close(second);
                break;
            case "work completion":
                loop.QueueWork(() => { }, _ => first());
                loop.QueueWork(() => { }, _ => second());
                break;
            case "post":
                loop.Post(first);
                loop.Post(second);
                loop.SetImmediate(() => { });
                break;
            case "tick":
                loop.SetImmediate(() =>
                {
                    loop.NextTick(first);
                    loop.NextTick(second);
                });
                break;
            case "microtask":
                loop.SetImmediate(() =>
                {
                    loop.QueueMicrotask(first);
                    loop.QueueMicrotask(second);
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(phase), phase, null);
        }
    }

    private static void StartSelfClosing(PhaseHandle handle, Action callback) =>
        handle.Start(() =>
        {
            handle.Close();
            callback();
        });
}
