using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using Loopwire.Processes;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// ChildProcess against Node's <c>child_process.spawn</c> (DESIGN "Net, processes, signals"): real children run by
/// <c>/bin/sh -c</c>. Each test runs the loop until the child's 'close' (or what the test waits for); a ref'd 30 s
/// guard timer records a failure and kills the child, so a hang fails instead of blocking the run. Tests that need
/// sh are <see cref="ShellFactAttribute"/>s, skipped on Windows.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ChildProcessTests
{
    private const string Shell = "/bin/sh";
    private const PosixSignal SigKill = (PosixSignal)9;

    [ShellFact]
    public void Echo_emits_spawn_then_data_and_end_and_exit_and_close_last()
    {
        // Node: 'spawn' first; stdout's 'data' before its 'end', then its 'close'; 'exit' and the streams' ends in no
        // promised order; 'close' last, once the process exited and both piped streams closed. L1: the child keeps the
        // loop alive until then.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, Shell, ["-c", "echo hi"]);
        var recorder = new Recorder(loop, child);

        Assert.False(loop.Run());

        List<string> log = recorder.Log;
        Assert.Equal(8, log.Count);
        Assert.Equal("spawn", log[0]);
        Assert.Equal("close 0 null", log[^1]);
        AssertInOrder(log, "stdout data hi\n", "stdout end", "stdout close");
        Assert.Contains("exit 0 null", log);
        AssertInOrder(log, "stderr end", "stderr close");
        Assert.True(child.Pid > 0);
        Assert.Equal(0, child.ExitCode);
        Assert.Null(child.SignalCode);
        Assert.False(child.IsActive);
        Assert.True(child.Stdout!.IsEnded);
    }

    [ShellFact]
    public void Spawn_inside_a_callback_emits_spawn_as_a_next_tick()
    {
        // N1, Node's process.nextTick(onSpawnNT): 'spawn' is a next tick queued by Spawn, so it runs right after the
        // callback, before a tick queued after the call, and before anything the child sends.
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.SetTimeout(
            () =>
            {
                _ = new Recorder(loop, ChildProcess.Spawn(loop, Shell, ["-c", "echo hi"]), log);
                loop.NextTick(() => log.Add("tick"));
            },
            0);

        Assert.False(loop.Run());

        Assert.Equal(["spawn", "tick"], log.Take(2));
        Assert.Equal("close 0 null", log[^1]);
    }

    [ShellFact]
    public void Stderr_is_a_stream_of_its_own()
    {
        // Node: subprocess.stderr carries what the child writes to fd 2, and stdout ends without data.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, Shell, ["-c", "echo oops >&2"]);
        var recorder = new Recorder(loop, child);

        Assert.False(loop.Run());

        AssertInOrder(recorder.Log, "spawn", "stderr data oops\n", "stderr end", "close 0 null");
        Assert.DoesNotContain(recorder.Log, entry => entry.StartsWith("stdout data", StringComparison.Ordinal));
        Assert.Contains("stdout end", recorder.Log);
    }

    [ShellFact]
    public void An_exit_code_is_reported_by_exit_and_close()
    {
        // Node: 'exit' and 'close' carry (code, null) for a process that exited by itself.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, Shell, ["-c", "exit 3"]);
        var recorder = new Recorder(loop, child);

        Assert.False(loop.Run());

        AssertInOrder(recorder.Log, "spawn", "exit 3 null", "close 3 null");
        Assert.Equal(3, child.ExitCode);
        Assert.Null(child.SignalCode);
    }

    [ShellFact]
    public void Stdin_written_to_cat_comes_back_and_End_lets_cat_exit()
    {
        // Node: stdin.end() closes the pipe after the queued writes ('finish'), so cat reads end-of-file and exits.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, "cat");
        var recorder = new Recorder(loop, child);
        child.Stdin!.On.Finish(() => recorder.Log.Add("stdin finish"))
                    .On.Closed(() => recorder.Log.Add("stdin close"));

        Assert.True(child.Stdin.Write("hello\n"));
        child.Stdin.End();
        Assert.False(loop.Run());

        AssertInOrder(recorder.Log, "spawn", "stdout data hello\n", "stdout end", "close 0 null");
        AssertInOrder(recorder.Log, "stdin finish", "stdin close", "close 0 null");
        Assert.Contains("exit 0 null", recorder.Log);
        Assert.True(child.Stdin.IsFinished);
    }

    [ShellFact]
    public void The_childs_exit_destroys_a_stdin_never_ended_which_emits_close_but_no_finish()
    {
        // Node: the child is gone, so is its stdin: destroyed, with 'close'.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, Shell, ["-c", "exit 0"]);
        var recorder = new Recorder(loop, child);
        child.Stdin!.On.Finish(() => recorder.Log.Add("stdin finish"))
                    .On.Closed(() => recorder.Log.Add("stdin close"));

        Assert.False(loop.Run());

        AssertInOrder(recorder.Log, "exit 0 null", "stdin close");
        Assert.DoesNotContain("stdin finish", recorder.Log);
        Assert.True(child.Stdin.IsDestroyed);
    }

    [ShellFact]
    public void Destroying_stdout_emits_error_then_close_after_the_call_and_the_child_still_closes()
    {
        // Node: readable.destroy(error) stops 'data', then emits 'error' and 'close' after the current callback.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, Shell, ["-c", "echo one; exec sleep 30"]);
        var recorder = new Recorder(loop, child);
        child.Stdout!.On.Data(_ =>
        {
            child.Stdout.Destroy(new IOException("enough"));
            recorder.Log.Add($"destroyed {child.Stdout.IsDestroyed}");
            child.Kill();
        }).On.Error(error => recorder.Log.Add($"stdout error {error.Message}"));

        Assert.False(loop.Run());

        AssertInOrder(recorder.Log, "stdout data one\n", "destroyed True", "stdout error enough", "stdout close", "close null SIGTERM");
        Assert.DoesNotContain("stdout end", recorder.Log);
        child.Stdout.Destroy(); // again: nothing more
        Assert.False(loop.Run());
        Assert.Single(recorder.Log, "stdout close");
    }

    [ShellFact]
    public void Output_printed_before_a_data_listener_waits_for_it_and_output_nobody_reads_is_drained_at_exit()
    {
        // Node: stdout without a 'data' listener stays paused, so what the child printed is not lost; once the child
        // has exited, a stream still unheard is resumed and drained (Node's flushStdio), so 'close' follows. (A child
        // that prints more than the pipe holds, unheard, blocks, as in Node.)
        using var loop = new EventLoop();
        var late = ChildProcess.Spawn(loop, Shell, ["-c", "printf early"]);
        var unheard = ChildProcess.Spawn(loop, Shell, ["-c", "printf unheard; printf again >&2"]);
        var log = new List<string>();
        late.On.Exited((_, _) => late.Stdout!.On.Data(chunk => log.Add("late data " + Encoding.UTF8.GetString(chunk.Span))))
            .On.Closed((_, _) => log.Add("late close"));
        unheard.On.Closed((code, _) => log.Add($"unheard close {code}"));

        Assert.False(loop.Run());

        AssertInOrder(log, "late data early", "late close");
        Assert.Contains("unheard close 0", log);
    }

    [ShellFact]
    public void Output_over_a_MiB_arrives_complete_and_in_order_in_chunks_a_listener_may_keep()
    {
        // Node: 'data' chunks are the bytes read, in order; each is the listener's to keep (no buffer is reused under it).
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, "seq", ["1", "200000"]);
        var recorder = new Recorder(loop, child, logData: false);
        var chunks = new List<ReadOnlyMemory<byte>>();
        child.Stdout!.On.Data(chunks.Add);

        Assert.False(loop.Run());

        string expected = string.Concat(Enumerable.Range(1, 200000).Select(n => $"{n}\n"));
        Assert.True(expected.Length > 1 << 20);
        Assert.True(chunks.Count > 1, "a MiB through a pipe comes in several reads");
        Assert.Equal(expected, Encoding.ASCII.GetString([.. chunks.SelectMany(chunk => chunk.ToArray())]));
        Assert.Equal("close 0 null", recorder.Log[^1]);
    }

    [ShellFact]
    public void A_MiB_written_to_stdin_returns_false_then_drain_and_all_of_it_comes_back()
    {
        // Node's backpressure: write returns false at the high-water mark; 'drain' once the queue is written.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, "cat");
        var recorder = new Recorder(loop, child, logData: false);
        byte[] payload = [.. Enumerable.Range(0, 1 << 20).Select(i => (byte)(i % 251))];
        var echoed = new MemoryStream();
        child.Stdout!.On.Data(chunk => echoed.Write(chunk.Span));
        child.Stdin!.On.Drain(() =>
        {
            recorder.Log.Add("drain");
            child.Stdin.End();
        });

        Assert.False(child.Stdin.Write(payload));
        Assert.Equal(payload.Length, child.Stdin.WritableLength);
        Assert.False(loop.Run());

        Assert.Equal(payload, echoed.ToArray());
        Assert.Single(recorder.Log, "drain");
        AssertInOrder(recorder.Log, "spawn", "drain", "close 0 null");
        Assert.Equal(0, child.Stdin.WritableLength);
    }

    [ShellFact]
    public void Kill_with_SIGTERM_ends_the_child_and_exit_reports_the_signal()
    {
        // Node's subprocess.kill: true when sent; 'exit' and 'close' carry (null, 'SIGTERM'); false once exited.
        // .NET reports the signal as exit code 143 (128 + 15); it is read as SIGTERM because Kill sent SIGTERM.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, Shell, ["-c", "exec sleep 30"]);
        var recorder = new Recorder(loop, child);
        child.On.Spawned(() => recorder.Log.Add($"kill {child.Kill()}"));

        Assert.False(loop.Run());

        AssertInOrder(recorder.Log, "spawn", "kill True", "exit null SIGTERM", "close null SIGTERM");
        Assert.True(child.Killed);
        Assert.Null(child.ExitCode);
        Assert.Equal(PosixSignal.SIGTERM, child.SignalCode);
        Assert.False(child.Kill());
    }

    [ShellFact]
    public void Shell_runs_the_file_and_its_arguments_as_one_command_line_and_Timeout_sends_the_kill_signal()
    {
        // Node: spawn('echo', ['$((1+2))', '|', 'tr', '3', 'x'], { shell: true }) prints "x"; spawn('sleep', ['30'],
        // { timeout: 100 }) exits with (null, 'SIGTERM') and killed true. Time moves by a manual clock (L6).
        using var loop = Loops.WithClock(out ManualClock clock);
        var piped = ChildProcess.Spawn(loop, "echo", ["$((1+2))", "|", "tr", "3", "x"], new SpawnOptions { Shell = true });
        var output = new StringBuilder();
        piped.Stdout!.On.Data(chunk => output.Append(Encoding.ASCII.GetString(chunk.Span)));
        var sleeper = ChildProcess.Spawn(loop, "sleep", ["30"], new SpawnOptions { Timeout = TimeSpan.FromSeconds(5), KillSignal = PosixSignal.SIGINT });
        var recorder = new Recorder(loop, sleeper);
        loop.Run(RunMode.NoWait);

        clock.Advance(5000);
        Assert.False(loop.Run());

        Assert.Equal("x\n", output.ToString());
        AssertInOrder(recorder.Log, "spawn", "exit null SIGINT", "close null SIGINT");
        Assert.True(sleeper.Killed);
    }

    [ShellFact]
    public void A_cancelled_token_kills_the_child_with_error_then_exit_as_Nodes_abort_signal()
    {
        // Node: spawn('sleep', ['30'], { signal }) then abort() gives 'error' (AbortError, ABORT_ERR), then
        // 'exit' (null, 'SIGTERM') with killed true; a signal aborted before spawn does the same.
        using var loop = new EventLoop();
        using var cancellation = new CancellationTokenSource();
        var child = ChildProcess.Spawn(loop, "sleep", ["30"], cancellationToken: cancellation.Token);
        var recorder = new Recorder(loop, child);
        child.On.Spawned(() => Threads.OnAnotherThread(cancellation.Cancel)); // from any thread
        var early = ChildProcess.Spawn(loop, "sleep", ["30"], cancellationToken: new CancellationToken(canceled: true));
        var earlyRecorder = new Recorder(loop, early);

        Assert.False(loop.Run());

        string aborted = "error OperationCanceledException The operation was aborted (Node's ABORT_ERR): the token given to Spawn was cancelled.";
        AssertInOrder(recorder.Log, "spawn", aborted, "exit null SIGTERM", "close null SIGTERM");
        AssertInOrder(earlyRecorder.Log, aborted, "exit null SIGTERM");
        Assert.True(child.Killed);
    }

    [ShellFact]
    public void A_signal_Kill_did_not_send_shows_as_exit_code_128_plus_n()
    {
        // The documented limit: .NET reports a child ended by signal n as exit code 128 + n, like exit(128 + n);
        // Node would say (null, 'SIGTERM') here, where only the exit code is known.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, Shell, ["-c", "kill -TERM $$"]);
        var recorder = new Recorder(loop, child);

        Assert.False(loop.Run());

        AssertInOrder(recorder.Log, "spawn", "exit 143 null", "close 143 null");
        Assert.False(child.Killed);
    }

    [ShellFact]
    public void A_missing_executable_emits_error_with_Nodes_words_then_close_and_no_spawn_or_exit()
    {
        // Node: 'error' with "spawn <file> ENOENT", no 'spawn', no 'exit'; then 'close' with code -2 (-ENOENT).
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, "loopwire-no-such-program", ["a"]);
        var recorder = new Recorder(loop, child);

        Assert.False(loop.Run());

        Assert.Equal(["error Win32Exception spawn loopwire-no-such-program ENOENT", "close -2 null"], recorder.Log);
        Assert.Equal(2, Assert.IsType<Win32Exception>(recorder.Errors.Single()).NativeErrorCode);
        Assert.Null(child.Pid);
        Assert.Equal(-2, child.ExitCode);
        Assert.Null(child.Stdin);
        Assert.Null(child.Stdout);
        Assert.Null(child.Stderr);
        Assert.False(child.Kill());
    }

    [ShellFact]
    public void A_directory_or_a_missing_working_directory_fails_as_in_Node()
    {
        // Node: spawning a directory is EACCES (execve's answer); a missing cwd is ENOENT, named after the file.
        using var loop = new EventLoop();
        var directory = new Recorder(loop, ChildProcess.Spawn(loop, "/"));
        var noCwd = new Recorder(loop, ChildProcess.Spawn(loop, Shell, ["-c", "true"], new SpawnOptions { WorkingDirectory = "/loopwire-no-such-directory" }));

        Assert.False(loop.Run());

        Assert.Equal(["error Win32Exception spawn / EACCES", "close -13 null"], directory.Log);
        Assert.Equal([$"error Win32Exception spawn {Shell} ENOENT", "close -2 null"], noCwd.Log);
    }

    [ShellFact]
    public void An_unrefd_child_lets_Run_return_while_it_runs()
    {
        // L2: an unref'd handle does not keep the loop alive; 'spawn' still comes first (the run's pending phase).
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, Shell, ["-c", "exec sleep 30"]);
        var log = new List<string>();
        child.On.Spawned(() => log.Add("spawn")).On.Exited((code, signal) => log.Add("exit"));
        child.Unref();

        Assert.False(loop.Run());
        Assert.Equal(["spawn"], log);
        Assert.Null(child.ExitCode);
        Assert.True(child.IsActive);

        // Clean up: SIGKILL (a raw number), then ref'd again the child keeps the loop alive until 'close' (L1).
        Assert.True(child.Kill(SigKill));
        child.Ref();
        var recorder = new Recorder(loop, child);
        Assert.False(loop.Run());
        Assert.Equal(["spawn", "exit"], log);
        AssertInOrder(recorder.Log, "exit null 9", "close null 9");
        Assert.Equal(SigKill, child.SignalCode);
    }

    [ShellFact]
    public void Pause_holds_output_until_Resume()
    {
        // Node's readable.pause(): no 'data' while paused; resume() emits what was held, then 'end' and 'close'.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, Shell, ["-c", "printf abc"]);
        var recorder = new Recorder(loop, child);
        child.Stdout!.Pause();
        child.On.Exited((code, signal) =>
        {
            Assert.True(child.Stdout.IsPaused);
            child.Stdout.Resume();
        });

        Assert.False(loop.Run());

        AssertInOrder(recorder.Log, "spawn", "exit 0 null", "stdout data abc", "stdout end", "close 0 null");
        Assert.False(child.Stdout.IsPaused);
    }

    [ShellFact]
    public void Ignored_streams_are_null_and_never_block_the_child_and_inherited_ones_are_null()
    {
        // Node's stdio 'ignore' and 'inherit': no stream object; an ignored stdin reads end-of-file, ignored output
        // is written freely (a MiB here, more than a pipe holds), and 'close' does not wait for either.
        using var loop = new EventLoop();
        var options = new SpawnOptions { Stdin = StdioMode.Ignore, Stdout = StdioMode.Ignore };
        var ignoring = ChildProcess.Spawn(loop, Shell, ["-c", "cat; head -c 1048576 /dev/zero; echo done >&2"], options);
        var ignored = new Recorder(loop, ignoring);
        var all = new SpawnOptions { Stdin = StdioMode.Inherit, Stdout = StdioMode.Inherit, Stderr = StdioMode.Inherit };
        var inheriting = ChildProcess.Spawn(loop, Shell, ["-c", "exit 0"], all);
        var inherited = new Recorder(loop, inheriting);

        Assert.False(loop.Run());

        Assert.Null(ignoring.Stdin);
        Assert.Null(ignoring.Stdout);
        AssertInOrder(ignored.Log, "spawn", "stderr data done\n", "stderr end", "close 0 null");
        Assert.Null(inheriting.Stdin);
        Assert.Null(inheriting.Stdout);
        Assert.Null(inheriting.Stderr);
        Assert.Equal(["spawn", "exit 0 null", "close 0 null"], inherited.Log);
    }

    [ShellFact]
    public void Working_directory_and_environment_are_the_childs()
    {
        // Node's cwd and env options: env is the child's whole environment; an undefined (null) value is left out.
        using var loop = new EventLoop();
        var options = new SpawnOptions
        {
            WorkingDirectory = "/",
            Environment = new Dictionary<string, string?> { ["GREETING"] = "hello", ["DROPPED"] = null },
        };
        var child = ChildProcess.Spawn(loop, Shell, ["-c", "echo \"$(pwd)|$GREETING|${DROPPED-unset}|${HOME-unset}\""], options);
        var recorder = new Recorder(loop, child);

        Assert.False(loop.Run());

        Assert.Contains("stdout data /|hello|unset|unset\n", recorder.Log);
    }

    [ShellFact]
    public void Closing_the_handle_stops_its_events_and_leaves_the_child_running()
    {
        // L10 and libuv's uv_close on a process: the handle closes at once (no 'spawn' or 'close' after it); the
        // child is not killed. Its pipes are destroyed, so each emits its own 'close', as a destroyed stream does.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, Shell, ["-c", "exec sleep 30"]);
        var recorder = new Recorder(loop, child);
        int pid = child.Pid!.Value;
        child.Close();
        recorder.Guard.Close();

        Assert.False(loop.Run());

        Assert.Equal(["stdout close", "stderr close"], recorder.Log);
        Assert.True(child.IsClosed);
        Assert.True(child.Stdin!.IsDestroyed);
        Assert.False(child.Stdin.Write("ignored"));
        Assert.Equal(0, PosixSignals.Send(pid, 0)); // still running
        Assert.Equal(0, PosixSignals.Send(pid, 9));
    }

    [ShellFact]
    public void Bad_arguments_throw_at_the_call()
    {
        // README: bad arguments throw at the call, naming what is wrong.
        using var loop = new EventLoop();
        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => ChildProcess.Spawn(null!, Shell)).ParamName);
        Assert.Equal("file", Assert.Throws<ArgumentNullException>(() => ChildProcess.Spawn(loop, null!)).ParamName);
        Assert.Equal("file", Assert.Throws<ArgumentException>(() => ChildProcess.Spawn(loop, "")).ParamName);
        Assert.Equal("file", Assert.Throws<ArgumentException>(() => ChildProcess.Spawn(loop, "a\0b")).ParamName);
        Assert.Equal("arguments", Assert.Throws<ArgumentNullException>(() => ChildProcess.Spawn(loop, Shell, [null!])).ParamName);
        Assert.Equal("arguments", Assert.Throws<ArgumentException>(() => ChildProcess.Spawn(loop, Shell, ["a\0b"])).ParamName);
        Assert.Equal(
            "options.Stdout",
            Assert.Throws<ArgumentOutOfRangeException>(() => ChildProcess.Spawn(loop, Shell, options: new SpawnOptions { Stdout = (StdioMode)7 })).ParamName);
        Assert.Equal(
            "options.Timeout",
            Assert.Throws<ArgumentOutOfRangeException>(() => ChildProcess.Spawn(loop, Shell, options: new SpawnOptions { Timeout = TimeSpan.FromSeconds(-1) })).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChildProcess.Spawn(loop, Shell, options: new SpawnOptions { KillSignal = (PosixSignal)(-99) }));
        Assert.False(loop.IsAlive); // nothing was spawned

        var child = ChildProcess.Spawn(loop, "cat");
        var recorder = new Recorder(loop, child);
        Assert.Equal("signal", Assert.Throws<ArgumentOutOfRangeException>(() => child.Kill((PosixSignal)(-99))).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => child.Stdin!.Write((string)null!)).ParamName);
        child.Stdin!.End();
        child.Stdin.End(); // a second End does nothing more
        Assert.Contains("write after end", Assert.Throws<InvalidOperationException>(() => child.Stdin.Write("late")).Message, StringComparison.Ordinal);
        Assert.False(loop.Run());
        Assert.Equal("close 0 null", recorder.Log[^1]);

        child.Close();
        Assert.Throws<ObjectDisposedException>(() => child.Kill());
        Assert.Throws<InvalidOperationException>(() => child.Close()); // L10: closing twice is an error
    }

    [ShellFact]
    public void Calls_off_the_loop_thread_throw()
    {
        // README: every loop API must be called on the loop thread; elsewhere it throws, pointing to Post.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, "cat");
        var recorder = new Recorder(loop, child);
        Action[] calls =
        [
            () => ChildProcess.Spawn(loop, Shell),
            () => child.Kill(),
            () => child.Unref(),
            () => child.Stdin!.Write("x"),
            () => child.Stdin!.End(),
            () => child.Stdout!.Pause(),
            () => child.Stdout!.Resume(),
        ];

        foreach (Action call in calls)
        {
            Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(call));
        }

        child.Stdin!.End();
        Assert.False(loop.Run());
        Assert.Equal("close 0 null", recorder.Log[^1]);
    }

    private static void AssertInOrder(List<string> log, params string[] expected)
    {
        int at = -1;
        foreach (string entry in expected)
        {
            int next = log.IndexOf(entry, at + 1);
            Assert.True(next > at, $"'{entry}' missing or out of order in: {string.Join(" | ", log)}");
            at = next;
        }
    }


    /// <summary>
    /// Logs a child's events as text, and guards the run: a ref'd 30 s timer that logs the hang and kills and closes
    /// the child, so Run returns and the test fails on its log. 'close' closes the guard.
    /// </summary>
    private sealed class Recorder
    {
        public Recorder(EventLoop loop, ChildProcess child, bool logData = true)
            : this(loop, child, [], logData)
        {
        }

        public Recorder(EventLoop loop, ChildProcess child, List<string> log, bool logData = true)
        {
            Log = log;
            Guard = loop.SetTimeout(
                () =>
                {
                    Log.Add("no close within 30 s");
                    if (!child.IsClosing)
                    {
                        child.Kill(SigKill);
                        child.Close();
                    }
                },
                TimeSpan.FromSeconds(30));
            child.On.Spawned(() => Log.Add("spawn"))
                .On.Exited((code, signal) => Log.Add($"exit {Show(code)} {Show(signal)}"))
                .On.Error(error =>
                {
                    Errors.Add(error);
                    Log.Add($"error {error.GetType().Name} {error.Message}");
                })
                .On.Closed((code, signal) =>
                {
                    Log.Add($"close {Show(code)} {Show(signal)}");
                    Guard.Close();
                });
            Watch(child.Stdout, "stdout", logData);
            Watch(child.Stderr, "stderr", logData);
        }

        public List<string> Log { get; }

        public List<Exception> Errors { get; } = [];

        public Timer Guard { get; }

        private static string Show(object? value) => value?.ToString() ?? "null";

        private void Watch(ProcessReadable? stream, string name, bool logData)
        {
            if (logData)
            {
                stream?.On.Data(chunk => Log.Add($"{name} data {Encoding.UTF8.GetString(chunk.Span)}"));
            }

            stream?.On.End(() => Log.Add($"{name} end"))
                  .On.Closed(() => Log.Add($"{name} close"));
        }
    }
}
