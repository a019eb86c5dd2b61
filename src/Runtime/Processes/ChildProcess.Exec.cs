namespace Loopwire.Processes;

/// <content>Node's <c>exec</c> and <c>execFile</c>: run a process to its end and get what it printed.</content>
public sealed partial class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="file"/> without a shell, as <see cref="Spawn"/> does, keeps what it prints, and calls
    /// <paramref name="callback"/> once, after the child's 'close', with its stdout and stderr as UTF-8 text (Node's
    /// <c>child_process.execFile</c>). The error is null when the child exited with code 0; otherwise an
    /// <see cref="ExecException"/> (<c>Command failed: …</c> with its code or signal, or a stream past
    /// <see cref="ExecOptions.MaxBuffer"/>), or the spawn's own error (<c>spawn nosuch ENOENT</c>).
    /// </summary>
    /// <param name="loop">The loop that runs the callback, on its own thread.</param>
    /// <param name="file">The program to run.</param>
    /// <param name="arguments">Its arguments, each passed as is; null for none.</param>
    /// <param name="callback">Gets the error (or null), stdout and stderr; runs on the loop thread, once.</param>
    /// <param name="options">The working directory, environment, timeout, output limit and kill signal; null for Node's defaults.</param>
    /// <returns>The child process: its stdin is piped and left open, as in Node, so a child that reads it waits for <see cref="ProcessWritable.End"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/>, <paramref name="file"/>, <paramref name="callback"/> or an argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="file"/> is empty, or it or an argument contains a null character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ExecOptions.MaxBuffer"/> is not positive, <see cref="ExecOptions.Timeout"/> is negative, or <see cref="ExecOptions.KillSignal"/> names no signal.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static ChildProcess ExecFile(
        EventLoop loop, string file, IEnumerable<string>? arguments, [RunsOnLoop] Action<Exception?, string, string> callback, ExecOptions? options = null)
    {
        string[] argumentList = arguments?.ToArray() ?? [];
        return Run(loop, file, argumentList, string.Join(' ', [file, .. argumentList]), callback, options);
    }

    /// <summary>
    /// Runs <paramref name="command"/> in the system's shell (<c>/bin/sh -c</c>; <c>cmd.exe /d /s /c</c> on Windows)
    /// and calls back as <see cref="ExecFile"/> does (Node's <c>child_process.exec</c>). The command is the shell's to
    /// parse: never build it from untrusted input.
    /// </summary>
    /// <param name="loop">The loop that runs the callback, on its own thread.</param>
    /// <param name="command">The command line.</param>
    /// <param name="callback">Gets the error (or null), stdout and stderr; runs on the loop thread, once.</param>
    /// <param name="options">The working directory, environment, timeout, output limit and kill signal; null for Node's defaults.</param>
    /// <returns>The child process (the shell).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/>, <paramref name="command"/> or <paramref name="callback"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="command"/> is empty or contains a null character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ExecOptions.MaxBuffer"/> is not positive, <see cref="ExecOptions.Timeout"/> is negative, or <see cref="ExecOptions.KillSignal"/> names no signal.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static ChildProcess Exec(EventLoop loop, string command, [RunsOnLoop] Action<Exception?, string, string> callback, ExecOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        (string shell, string[] arguments) = ShellCommand(command);
        return Run(loop, shell, arguments, command, callback, options);
    }

    /// <summary><see cref="ExecFile"/> as a task, as Node's promisified <c>execFile</c>: its output, or the error.</summary>
    /// <param name="loop">The loop that runs the child.</param>
    /// <param name="file">The program to run.</param>
    /// <param name="arguments">Its arguments; null for none.</param>
    /// <param name="options">As for <see cref="ExecFile"/>.</param>
    /// <returns>A task that completes on the loop thread after the child's 'close'; it faults with an <see cref="ExecException"/> (which carries the output) or the spawn's error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="file"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="file"/> is empty, or it or an argument contains a null character.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="ExecFile"/>.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static Task<ExecResult> ExecFileAsync(EventLoop loop, string file, IEnumerable<string>? arguments = null, ExecOptions? options = null)
    {
        var completion = new TaskCompletionSource<ExecResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        ExecFile(loop, file, arguments, (error, stdout, stderr) => Settle(completion, error, stdout, stderr), options);
        return completion.Task;
    }

    /// <summary><see cref="Exec"/> as a task, as Node's promisified <c>exec</c>: its output, or the error.</summary>
    /// <param name="loop">The loop that runs the child.</param>
    /// <param name="command">The command line, for the system's shell.</param>
    /// <param name="options">As for <see cref="Exec"/>.</param>
    /// <returns>A task that completes on the loop thread after the child's 'close'; it faults with an <see cref="ExecException"/> (which carries the output) or the spawn's error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="command"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="command"/> is empty or contains a null character.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Exec"/>.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static Task<ExecResult> ExecAsync(EventLoop loop, string command, ExecOptions? options = null)
    {
        var completion = new TaskCompletionSource<ExecResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Exec(loop, command, (error, stdout, stderr) => Settle(completion, error, stdout, stderr), options);
        return completion.Task;
    }

    private static ChildProcess Run(
        EventLoop loop, string file, string[] arguments, string command, Action<Exception?, string, string> callback, ExecOptions? options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        options ??= new ExecOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBuffer, "options.MaxBuffer");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Timeout, TimeSpan.Zero, "options.Timeout");
        ProcessSignals.Verify(options.KillSignal); // now, not when the timeout or the limit comes to send it
        ChildProcess child = Spawn(loop, file, arguments, options.ToSpawnOptions());
        new ExecRun(child, command, options, callback).Start();
        return child;
    }

    private static void Settle(TaskCompletionSource<ExecResult> completion, Exception? error, string stdout, string stderr)
    {
        if (error is null)
        {
            completion.SetResult(new ExecResult(stdout, stderr));
        }
        else
        {
            completion.SetException(error);
        }
    }
}
