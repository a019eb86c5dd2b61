using System.ComponentModel;
using System.Runtime.InteropServices;
using Loopwire.Processes;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Node's <c>child_process.exec</c> and <c>execFile</c>: one callback after the child's 'close', with its output as
/// text; an <see cref="ExecException"/> worded as Node's for a failure; the timeout and the output limit end the child.
/// </summary>
public sealed class ExecTests
{
    [LinuxFact("runs /bin/sh and POSIX tools")]
    public void ExecFile_calls_back_once_with_the_output_from_the_childs_close()
    {
        // Node: the callback is execFile's own 'close' listener, added first, so it runs before the caller's (E1).
        using var loop = new EventLoop();
        var log = new List<string>();
        ChildProcess child = ChildProcess.ExecFile(loop, "/bin/echo", ["hello", "world"], (error, stdout, stderr) =>
            log.Add($"callback {error?.Message ?? "none"} [{stdout}] [{stderr}]"));
        child.On.Closed((_, _) => log.Add("close"));

        Assert.False(loop.Run());

        Assert.Equal(["callback none [hello world\n] []", "close"], log);
    }

    [LinuxFact("runs /bin/sh and POSIX tools")]
    public void A_failing_command_is_an_ExecException_with_Nodes_words_its_code_and_its_output()
    {
        // Node: 'Command failed: <cmd>\n<stderr>', with error.code the exit code and the output passed along.
        using var loop = new EventLoop();
        Exception? failure = null;
        string? output = null;
        ChildProcess.Exec(loop, "echo out; echo err >&2; exit 3", (error, stdout, stderr) => (failure, output) = (error, stdout + "|" + stderr));

        Assert.False(loop.Run());

        var exec = Assert.IsType<ExecException>(failure);
        Assert.Equal("Command failed: echo out; echo err >&2; exit 3\nerr\n", exec.Message);
        Assert.Equal(3, exec.ExitCode);
        Assert.Null(exec.Signal);
        Assert.False(exec.Killed);
        Assert.Equal(("out\n", "err\n"), (exec.Stdout, exec.Stderr));
        Assert.Equal("out\n|err\n", output);
    }

    [LinuxFact("runs /bin/sh and POSIX tools")]
    public void The_timeout_ends_the_child_with_the_kill_signal()
    {
        using var loop = new EventLoop();
        Exception? failure = null;
        ChildProcess.Exec(loop, "exec sleep 30", (error, _, _) => failure = error, new ExecOptions { Timeout = TimeSpan.FromMilliseconds(100) });

        Assert.False(loop.Run()); // long before 30 s

        var exec = Assert.IsType<ExecException>(failure);
        Assert.True(exec.Killed);
        Assert.Equal(PosixSignal.SIGTERM, exec.Signal);
        Assert.Null(exec.ExitCode);
        Assert.StartsWith("Command failed: exec sleep 30", exec.Message);
    }

    [LinuxFact("runs /bin/sh and POSIX tools")]
    public void Output_past_MaxBuffer_is_cut_there_and_ends_the_child()
    {
        // Node: ERR_CHILD_PROCESS_STDIO_MAXBUFFER; what was kept is passed along, cut at the limit.
        using var loop = new EventLoop();
        Exception? failure = null;
        int kept = -1;
        ChildProcess.Exec(loop, "exec yes", (error, stdout, _) => (failure, kept) = (error, stdout.Length), new ExecOptions { MaxBuffer = 1000 });

        Assert.False(loop.Run());

        var exec = Assert.IsType<ExecException>(failure);
        Assert.Equal("stdout maxBuffer length exceeded (Node's ERR_CHILD_PROCESS_STDIO_MAXBUFFER)", exec.Message);
        Assert.True(exec.Killed);
        Assert.Equal(1000, kept);
    }

    [LinuxFact("runs /bin/sh and POSIX tools")]
    public void A_missing_program_is_the_spawn_error_with_empty_output()
    {
        using var loop = new EventLoop();
        Exception? failure = null;
        string? output = null;
        ChildProcess.ExecFile(loop, "loopwire-no-such-program", null, (error, stdout, stderr) => (failure, output) = (error, stdout + stderr));

        Assert.False(loop.Run());

        Assert.Equal("spawn loopwire-no-such-program ENOENT", Assert.IsType<Win32Exception>(failure).Message);
        Assert.Equal("", output);
    }

    [LinuxFact("runs /bin/sh and POSIX tools")]
    public void The_task_forms_give_the_output_or_throw_the_error()
    {
        ExecResult? result = null;
        ExecException? failure = null;
        LoopPrograms.Run(async loop =>
        {
            result = await ChildProcess.ExecFileAsync(loop, "/bin/sh", ["-c", "printf out; printf err >&2"]);
            failure = await Assert.ThrowsAsync<ExecException>(() => ChildProcess.ExecAsync(loop, "printf partial; exit 1"));
        });

        Assert.Equal(new ExecResult("out", "err"), result);
        Assert.Equal((1, "partial"), (failure!.ExitCode, failure.Stdout));
    }

    [LinuxFact("runs /bin/sh and POSIX tools")]
    public void Bad_arguments_throw_at_the_call()
    {
        using var loop = new EventLoop();
        Action<Exception?, string, string> ignore = (_, _, _) => { };

        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => ChildProcess.Exec(loop, "true", null!)).ParamName);
        Assert.Equal("command", Assert.Throws<ArgumentException>(() => ChildProcess.Exec(loop, "", ignore)).ParamName);
        Assert.Equal("options.MaxBuffer", Assert.Throws<ArgumentOutOfRangeException>(() => ChildProcess.Exec(loop, "true", ignore, new ExecOptions { MaxBuffer = 0 })).ParamName);
        Assert.Equal("options.Timeout", Assert.Throws<ArgumentOutOfRangeException>(() => ChildProcess.Exec(loop, "true", ignore, new ExecOptions { Timeout = TimeSpan.FromSeconds(-1) })).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChildProcess.Exec(loop, "true", ignore, new ExecOptions { KillSignal = (PosixSignal)(-999) }));
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => ChildProcess.Exec(loop, "true", ignore)));
        Assert.False(loop.Run()); // nothing was started
    }
}
