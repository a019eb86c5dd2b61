using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// SignalHandle (libuv's signal tests): real SIGWINCH signals sent to this process with <c>kill</c>. Its default
/// action is to be ignored, so a signal no handle watches does the test host no harm. Tests that register a signal
/// are <see cref="SignalFactAttribute"/>s, skipped on Windows; the others throw before registering anything.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SignalHandleTests
{
    private const PosixSignal Winch = PosixSignal.SIGWINCH;

    [SignalFact]
    public void A_signal_runs_the_callback_on_the_loop_thread_with_its_state()
    {
        // L1: the started handle keeps the loop alive until its callback closes it.
        using var loop = new EventLoop();
        var log = new List<string>();
        var signal = new SignalHandle(loop);
        Timer guard = StartGuard(loop, log, signal);
        signal.Start(
            Winch,
            static state =>
            {
                bool onLoop = Environment.CurrentManagedThreadId == state.LoopThread;
                state.Log.Add($"{state.Signal.Signal} on the {(onLoop ? "loop" : "wrong")} thread");
                state.Signal.Close();
                state.Guard.Close();
            },
            (Log: log, Signal: signal, Guard: guard, LoopThread: Environment.CurrentManagedThreadId));

        RaiseWinch();

        Assert.False(loop.Run());
        Assert.Equal(["SIGWINCH on the loop thread"], log);
    }

    [SignalFact]
    public void A_watched_SIGINT_runs_the_callback_instead_of_ending_the_process()
    {
        // DESIGN signals, as Node's process.on('SIGINT'): a watcher replaces the signal's default action.
        using var loop = new EventLoop();
        var log = new List<string>();
        var signal = new SignalHandle(loop);
        Timer guard = StartGuard(loop, log, signal);
        signal.Start(PosixSignal.SIGINT, () =>
        {
            log.Add("SIGINT");
            signal.Close();
            guard.Close();
        });

        Raise(2); // SIGINT on Linux and macOS; were it not cancelled, the test host would end here

        Assert.False(loop.Run());
        Assert.Equal(["SIGINT"], log);
    }

    [SignalFact]
    public void Signal_is_the_watched_signal_while_started_and_null_otherwise()
    {
        // L10: a closed handle watches nothing.
        using var loop = new EventLoop();
        var signal = new SignalHandle(loop);
        Assert.Null(signal.Signal);

        signal.Start(Winch, () => { });
        Assert.Equal(Winch, signal.Signal);
        signal.Start(PosixSignal.SIGCONT, () => { });
        Assert.Equal(PosixSignal.SIGCONT, signal.Signal);
        signal.Stop();
        Assert.Null(signal.Signal);
        signal.Start(Winch, () => { });
        signal.Close();

        Assert.Null(signal.Signal);
        Assert.False(loop.Run());
    }

    [SignalFact]
    public void A_stopped_handle_is_not_active_and_Run_returns()
    {
        // L1
        using var loop = new EventLoop();
        var signal = new SignalHandle(loop);
        Assert.False(signal.IsActive);
        Assert.False(loop.IsAlive);
        Assert.False(loop.Run());

        signal.Start(Winch, () => { });
        Assert.True(signal.IsActive);
        Assert.True(loop.IsAlive);
        signal.Stop();
        signal.Stop();

        Assert.False(signal.IsActive);
        Assert.False(loop.Run());
        signal.Close();
        Assert.False(loop.Run());
    }

    [SignalFact]
    public void An_unrefd_started_handle_does_not_keep_the_loop_alive()
    {
        // L2
        using var loop = new EventLoop();
        var signal = new SignalHandle(loop);
        signal.Start(Winch, () => { });
        signal.Unref();

        Assert.True(signal.IsActive);
        Assert.False(loop.IsAlive);
        Assert.False(loop.Run());
        signal.Close();
        Assert.False(loop.Run());
    }

    [SignalFact]
    public void An_unrefd_handle_still_runs_its_callback_while_something_else_keeps_the_loop_alive()
    {
        // L2: here the ref'd guard timer keeps the loop alive.
        using var loop = new EventLoop();
        var log = new List<string>();
        var signal = new SignalHandle(loop);
        Timer guard = StartGuard(loop, log, signal);
        signal.Start(Winch, () =>
        {
            log.Add("signal");
            signal.Close();
            guard.Close();
        });
        signal.Unref();

        RaiseWinch();

        Assert.False(loop.Run());
        Assert.Equal(["signal"], log);
    }

    [SignalFact]
    public void Starting_again_replaces_the_callback()
    {
        // L11: the signal runs the newest callback only.
        using var loop = new EventLoop();
        var log = new List<string>();
        var signal = new SignalHandle(loop);
        Timer guard = StartGuard(loop, log, signal);
        signal.Start(Winch, () => log.Add("first"));
        signal.Start(Winch, () =>
        {
            log.Add("second");
            signal.Close();
            guard.Close();
        });

        RaiseWinch();

        Assert.False(loop.Run());
        Assert.Equal(["second"], log);
    }

    [SignalFact]
    public void A_handle_started_again_after_Stop_watches_the_signal_again()
    {
        // L1: stopping the only watcher gives the signal back to the runtime; starting again takes it anew.
        using var loop = new EventLoop();
        var log = new List<string>();
        var signal = new SignalHandle(loop);
        signal.Start(Winch, () => log.Add("before stop"));
        signal.Stop();
        Timer guard = StartGuard(loop, log, signal);
        signal.Start(Winch, () =>
        {
            log.Add("after stop");
            signal.Close();
            guard.Close();
        });

        RaiseWinch();

        Assert.False(loop.Run());
        Assert.Equal(["after stop"], log);
    }

    [SignalFact]
    public void Every_started_handle_on_a_signal_gets_it()
    {
        // L1, L11: as in libuv, one signal wakes every watcher. One PosixSignalRegistration per handle would not:
        // newer runtimes stop calling handlers once one has cancelled the signal.
        using var loop = new EventLoop();
        var log = new List<string>();
        var first = new SignalHandle(loop);
        var second = new SignalHandle(loop);
        Timer guard = StartGuard(loop, log, first, second);
        first.Start(Winch, () => Received("first", first));
        second.Start(Winch, () => Received("second", second));

        RaiseWinch();

        Assert.False(loop.Run());
        Assert.Equal(["first", "second"], log.Order());

        void Received(string name, SignalHandle handle)
        {
            log.Add(name);
            handle.Close();
            if (first.IsClosing && second.IsClosing)
            {
                guard.Close();
            }
        }
    }

    [SignalFact]
    public void Stopping_one_handle_leaves_the_others_on_the_signal_watching()
    {
        // L1
        using var loop = new EventLoop();
        var log = new List<string>();
        var stopped = new SignalHandle(loop);
        var watching = new SignalHandle(loop);
        Timer guard = StartGuard(loop, log, watching);
        stopped.Start(Winch, () => log.Add("stopped"));
        watching.Start(Winch, () =>
        {
            log.Add("watching");
            watching.Close();
            guard.Close();
        });
        stopped.Stop();

        RaiseWinch();

        Assert.False(loop.Run());
        Assert.Equal(["watching"], log);
    }

    [SignalFact]
    public void A_signal_queued_before_Stop_Close_or_a_restart_does_not_run_the_old_callback()
    {
        // L10, L11: the deliveries are already queued on the loop, but belong to starts that are over.
        using var loop = new EventLoop();
        var log = new List<string>();
        var stopped = new SignalHandle(loop);
        var closed = new SignalHandle(loop);
        var restarted = new SignalHandle(loop);
        var kept = new SignalHandle(loop);
        stopped.Start(Winch, () => log.Add("stopped"));
        closed.Start(Winch, () => log.Add("closed"));
        restarted.Start(Winch, () => log.Add("restarted, old callback"));
        kept.Start(Winch, () => log.Add("kept"));

        // A signal wakes its watchers in start order, so once a handle started after these four, on another loop,
        // got the signal, it is queued for all four on this loop, which has not run yet.
        var witnessLog = new List<string>();
        Exception? error = Threads.OnAnotherThread(() =>
        {
            using var witnessLoop = new EventLoop();
            var witness = new SignalHandle(witnessLoop);
            Timer guard = StartGuard(witnessLoop, witnessLog, witness);
            witness.Start(Winch, () =>
            {
                witnessLog.Add("witness");
                witness.Close();
                guard.Close();
            });
            RaiseWinch();
            witnessLoop.Run();
        });
        Assert.Null(error);
        Assert.Equal(["witness"], witnessLog);

        stopped.Stop();
        closed.Close();
        restarted.Start(Winch, () => { });
        loop.Run(RunMode.NoWait);

        Assert.Equal(["kept"], log);
        restarted.Close();
        kept.Close();
        Assert.False(loop.Run());
    }

    [SignalFact]
    public void Close_runs_its_close_callback_in_the_close_phase()
    {
        // L10: deactivated at once; the close callback runs after the iteration's check callbacks.
        using var loop = new EventLoop();
        var log = new List<string>();
        var signal = new SignalHandle(loop);
        signal.Start(Winch, () => { });
        var check = new CheckHandle(loop);
        check.Start(() =>
        {
            log.Add("check");
            check.Close();
        });
        loop.SetImmediate(() =>
        {
            signal.Close(() => log.Add("closed"));
            Assert.False(signal.IsActive);
            Assert.True(signal.IsClosing);
            Assert.False(signal.IsClosed);
        });

        Assert.False(loop.Run());

        Assert.Equal(["check", "closed"], log);
        Assert.True(signal.IsClosed);
    }

    [SignalFact]
    public void A_signal_that_cannot_be_watched_throws_and_leaves_the_handle_stopped()
    {
        // L1: the failed start leaves nothing active, as libuv's uv_signal_start leaves the handle stopped.
        using var loop = new EventLoop();
        var signal = new SignalHandle(loop);
        signal.Start(Winch, () => { });

        Assert.Throws<IOException>(() => signal.Start((PosixSignal)9, () => { })); // SIGKILL cannot be caught
        Assert.False(signal.IsActive);
        Assert.Null(signal.Signal);
        Assert.False(loop.IsAlive);
        Assert.Throws<PlatformNotSupportedException>(() => signal.Start((PosixSignal)(-1000), () => { }));
        Assert.False(signal.IsActive);

        signal.Start(Winch, () => { });
        Assert.True(signal.IsActive);
        signal.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Start_after_Close_throws_ObjectDisposedException()
    {
        // L10
        using var loop = new EventLoop();
        var signal = new SignalHandle(loop);
        signal.Close();

        Assert.Throws<ObjectDisposedException>(() => signal.Start(Winch, () => { }));
        Assert.Throws<ObjectDisposedException>(() => signal.Start(Winch, static (_) => { }, 0));
        Assert.False(signal.IsActive);
        Assert.False(loop.Run());
    }

    [Fact]
    public void Null_callback_throws_ArgumentNullException_naming_it()
    {
        // DESIGN bad input: the call throws, naming the parameter.
        using var loop = new EventLoop();
        var signal = new SignalHandle(loop);

        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => signal.Start(Winch, null!)).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => signal.Start<int>(Winch, null!, 0)).ParamName);
        Assert.False(signal.IsActive);
        signal.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Calls_from_another_thread_throw_InvalidOperationException_naming_Post()
    {
        // L13 and DESIGN thread affinity.
        using var loop = new EventLoop();
        var signal = new SignalHandle(loop);

        Action[] calls =
        [
            () => _ = new SignalHandle(loop),
            () => signal.Start(Winch, () => { }),
            () => signal.Start(Winch, static (_) => { }, 0),
            () => signal.Stop(),
        ];

        foreach (Action call in calls)
        {
            var invalid = Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(call));
            Assert.Contains("Post", invalid.Message);
        }

        Assert.False(signal.IsActive);
        signal.Close();
        Assert.False(loop.Run());
    }

    /// <summary>Sends SIGWINCH (28 on Linux and macOS) to this process.</summary>
    private static void RaiseWinch() => Raise(28);

    private static void Raise(int signalNumber) => Assert.Equal(0, PosixSignals.Send(Environment.ProcessId, signalNumber));

    /// <summary>A ref'd timer that turns a lost signal into a failure instead of a hang: it logs and closes <paramref name="handles"/>.</summary>
    private static Timer StartGuard(EventLoop loop, List<string> log, params SignalHandle[] handles) =>
        loop.SetTimeout(
            () =>
            {
                log.Add("no signal within 30 s");
                Array.ForEach(handles, handle => handle.Dispose());
            },
            TimeSpan.FromSeconds(30));

}

/// <summary>A fact that sends or watches real POSIX signals: reported as skipped on Windows, which has neither kill nor SIGWINCH.</summary>
file sealed class SignalFactAttribute : FactAttribute
{
    public SignalFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "POSIX signals are sent with kill, which Windows does not have.";
        }
    }
}
