using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Loopwire.Internal;

namespace Loopwire.Processes;

/// <summary>
/// A child process run from the loop: Node's <c>child_process.spawn</c> and <c>ChildProcess</c>, libuv's
/// <c>uv_process_t</c> with its stdio pipes. <see cref="Spawn"/> starts the process at once, on the loop thread, as
/// <c>uv_spawn</c> does; everything after is reported on the loop thread: 'spawn', the pipes' 'data' and 'end',
/// 'exit' when the process ends, and 'close' once it has exited and its piped stdout and stderr have ended. A
/// failed start (a missing executable) is 'error' then 'close', with neither 'spawn' nor 'exit'.
/// </summary>
/// <remarks>
/// <para>
/// The handle is active, and so keeps a ref'd loop alive, from <see cref="Spawn"/> until 'close' (L1); after
/// <see cref="Handle.Unref"/> the loop may end while the child runs (L2). The process is .NET's
/// <see cref="Process"/>: its exit is awaited off the loop and posted to it; its pipes are read and written on the
/// loop thread on the epoll backend, as libuv polls them, and off the loop on the portable one.
/// </para>
/// <para>
/// <see cref="Handle.Close"/> is libuv's <c>uv_close</c> on the process: no more events, the pipes are closed, and
/// the child is not killed. There is no need to close the handle after 'close': by then .NET's resources are released.
/// </para>
/// </remarks>
[EventEmitter]
public sealed partial class ChildProcess : Handle, IPipeOwner
{
    private static readonly Action<object?> DeliverExit = static child => ((ChildProcess)child!).OnExited();
    private static readonly Action<object?> EmitSpawnDeferred = static child => ((ChildProcess)child!).EmitSpawnIfPending();
    private static readonly Action<object?> EmitSpawnFailure = static child => ((ChildProcess)child!).OnSpawnFailed();

    private Process? _process;
    private Timer? _killTimer; // SpawnOptions.Timeout, while the child runs
    private CancellationTokenRegistration _abort; // Spawn's token, while the child runs
    private PosixSignal _killSignal;
    private Win32Exception? _spawnError;
    private List<PosixSignal>? _signalsSent;
    private bool _spawnEmitted;
    private int _unfinished;

    // Written by Process.Exited on a pool thread before it posts DeliverExit; read on the loop after.
    private int _exitCodeReported;

    private ChildProcess(EventLoop loop)
        : base(loop)
    {
    }

    /// <summary>The child's process ID once spawned; null when spawning failed.</summary>
    public int? Pid { get; private set; }

    /// <summary>
    /// The exit code, once 'exit' has been emitted: null before, and null when a signal ended the process
    /// (<see cref="SignalCode"/>). After a failed spawn, the negated error number, as Node's -2 for ENOENT.
    /// </summary>
    public int? ExitCode { get; private set; }

    /// <summary>
    /// The signal that ended the process, once 'exit' has been emitted. .NET reports a child ended by signal n as
    /// exit code 128 + n, which a child may also exit with by itself; so this is set only when
    /// <see cref="Kill"/> sent that signal. A signal sent by anyone else shows as <see cref="ExitCode"/> 128 + n.
    /// </summary>
    public PosixSignal? SignalCode { get; private set; }

    /// <summary>Whether <see cref="Kill"/> delivered a signal (Node's <c>killed</c>).</summary>
    public bool Killed { get; private set; }

    /// <summary>The child's stdin when <see cref="SpawnOptions.Stdin"/> is <see cref="StdioMode.Pipe"/>; otherwise null, as after a failed spawn.</summary>
    public ProcessWritable? Stdin { get; private set; }

    /// <summary>The child's stdout when <see cref="SpawnOptions.Stdout"/> is <see cref="StdioMode.Pipe"/>; otherwise null, as after a failed spawn.</summary>
    public ProcessReadable? Stdout { get; private set; }

    /// <summary>The child's stderr when <see cref="SpawnOptions.Stderr"/> is <see cref="StdioMode.Pipe"/>; otherwise null, as after a failed spawn.</summary>
    public ProcessReadable? Stderr { get; private set; }

    /// <summary>
    /// Starts <paramref name="file"/> with <paramref name="arguments"/>, directly, without a shell (Node's
    /// <c>child_process.spawn</c>). A file named without a directory is looked up as .NET's <see cref="Process"/>
    /// looks it up: beside this program's executable, in the current directory, then on this process's <c>PATH</c>
    /// (Node searches <c>PATH</c> only). Listeners added before the current callback returns see every event.
    /// </summary>
    /// <param name="loop">The loop that reports the child's events, on its own thread.</param>
    /// <param name="file">The program to run.</param>
    /// <param name="arguments">Its arguments, each passed as is; null for none.</param>
    /// <param name="options">The working directory, environment and stdio; null for the defaults (every stream piped).</param>
    /// <param name="cancellationToken">
    /// Node's <c>signal</c>: when cancelled, from any thread, the running child is sent <see cref="SpawnOptions.KillSignal"/>
    /// and 'error' is emitted with an <see cref="OperationCanceledException"/> (Node's <c>AbortError</c>).
    /// </param>
    /// <returns>The child process; a failure to start it is emitted as 'error', not thrown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="file"/> is null, or an argument is.</exception>
    /// <exception cref="ArgumentException"><paramref name="file"/> is empty, or it or an argument contains a null character.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A stdio mode in <paramref name="options"/> is not a <see cref="StdioMode"/>, its timeout is negative, or its kill
    /// signal names no signal.
    /// </exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static ChildProcess Spawn(
        EventLoop loop, string file, IEnumerable<string>? arguments = null, SpawnOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loop);
        loop.VerifyLoopThread();
        ArgumentException.ThrowIfNullOrEmpty(file);
        if (file.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The file must be a string without null characters.", nameof(file));
        }

        string[] argumentList = arguments?.ToArray() ?? [];
        for (int i = 0; i < argumentList.Length; i++)
        {
            if (argumentList[i] is null)
            {
                throw new ArgumentNullException(nameof(arguments), $"Argument {i} is null.");
            }

            if (argumentList[i].Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Argument {i} contains a null character.", nameof(arguments));
            }
        }

        options ??= new SpawnOptions();
        VerifyMode(options.Stdin, "options.Stdin");
        VerifyMode(options.Stdout, "options.Stdout");
        VerifyMode(options.Stderr, "options.Stderr");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Timeout, TimeSpan.Zero, "options.Timeout");
        ProcessSignals.Verify(options.KillSignal); // now, not when the timeout comes to send it
        if (options.Shell)
        {
            (file, argumentList) = ShellCommand(string.Join(' ', [file, .. argumentList]));
        }

        var child = new ChildProcess(loop);
        child.Start(file, options.ToStartInfo(file, argumentList), options, cancellationToken);
        return child;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to the child (Node's <c>subprocess.kill</c>): with libc's <c>kill</c> on Unix;
    /// on Windows SIGTERM, SIGINT, SIGQUIT and SIGKILL end the process at once. A failure other than "no such
    /// process" (EPERM) is emitted as 'error', as Node does.
    /// </summary>
    /// <param name="signal">A named signal, or a raw signal number cast to <see cref="PosixSignal"/> (<c>(PosixSignal)9</c> for SIGKILL).</param>
    /// <returns>Whether the signal was sent: false when the child has exited, or was never spawned.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signal"/> is no signal of this platform.</exception>
    /// <exception cref="PlatformNotSupportedException">On Windows, a signal it cannot emulate.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    /// <exception cref="ObjectDisposedException">The handle was closed.</exception>
    public bool Kill(PosixSignal signal = PosixSignal.SIGTERM)
    {
        Loop.VerifyLoopThread();
        ThrowIfClosing();
        ProcessSignals.Verify(signal); // an unknown signal throws even for a child that has exited, as in Node

        // HasExited turns true when .NET reaps the child, after which its pid may be reused: never signal it then.
        if (_process is not { HasExited: false } process)
        {
            return false;
        }

        int error = ProcessSignals.Send(process, signal);
        switch (error)
        {
            case 0:
                Killed = true;
                if ((int)signal != 0) // signal 0 only checks that the process exists
                {
                    (_signalsSent ??= []).Add(signal);
                }

                return true;
            case SystemErrors.NoSuchProcess:
                return false;
            case SystemErrors.InvalidArgument:
                throw new ArgumentOutOfRangeException(nameof(signal), signal, $"kill EINVAL: {signal} is not a signal of this platform.");
            default:
                Error(new Win32Exception(error, $"kill {SystemErrors.Name(error)}"));
                return false;
        }
    }

    /// <summary>The process is running (emitted once, after the current callback, as Node's <c>'spawn'</c>).</summary>
    [Event("spawn")] partial void Spawned();

    /// <summary>The process ended: with its exit code, or with the signal that ended it (see <see cref="SignalCode"/>); the other is null.</summary>
    [Event("exit")] partial void Exited(int? code, PosixSignal? signal);

    /// <summary>Last: the process exited and its piped stdout and stderr ended; or 'error' reported a failed spawn.</summary>
    [Event("close")] partial void Closed(int? code, PosixSignal? signal);

    /// <summary>
    /// The process could not be spawned (a <see cref="Win32Exception"/> worded as Node's, <c>spawn nosuch ENOENT</c>,
    /// whose <see cref="Win32Exception.NativeErrorCode"/> is the error number), or <see cref="Kill"/> was refused.
    /// With no listener the error is thrown on the loop (E2).
    /// </summary>
    [Event] partial void Error(Exception error);

    /// <summary>Emits 'spawn' unless it was emitted; every event from the child calls it first, so 'spawn' always leads.</summary>
    internal void EmitSpawnIfPending()
    {
        // The deferred 'spawn' normally runs first; this covers a run that ended with an uncaught exception before it.
        if (!_spawnEmitted && _spawnError is null && !IsClosing)
        {
            _spawnEmitted = true;
            Spawned();
        }
    }

    void IPipeOwner.OnPipeRead() => EmitSpawnIfPending();

    void IPipeOwner.OnWantsData(bool wants)
    {
        // The child keeps the loop alive until it exits and its pipes close, read or not, as libuv's process handle does.
    }

    /// <summary>A piped stdout or stderr ended or failed: one fewer thing 'close' waits for.</summary>
    void IPipeOwner.OnStreamDone() => Finish();

    private protected override void OnClosing()
    {
        Loop.ClearTimeout(_killTimer);
        _abort.Dispose();
        Stdin?.Destroy();
        Stdout?.Destroy();
        Stderr?.Destroy();
    }

    /// <summary>Spawn's token was cancelled: as Node's <c>signal</c>, the child is sent the kill signal and 'error' says why.</summary>
    private void Abort(CancellationToken token)
    {
        if (IsClosing || _process is null)
        {
            return; // closed, or already exited
        }

        Kill(_killSignal);
        Error(new OperationCanceledException("The operation was aborted (Node's ABORT_ERR): the token given to Spawn was cancelled.", token));
    }

    /// <summary>The system's shell, and its arguments to run <paramref name="command"/>, as Node's <c>shell: true</c> and <c>exec</c> run it.</summary>
    private static (string Shell, string[] Arguments) ShellCommand(string command) =>
        OperatingSystem.IsWindows() ? ("cmd.exe", ["/d", "/s", "/c", command]) : ("/bin/sh", ["-c", command]);

    private static void VerifyMode(StdioMode mode, string name)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(name, mode, "A stdio mode is Pipe, Inherit or Ignore.");
        }
    }

    private void Start(string file, ProcessStartInfo startInfo, SpawnOptions options, CancellationToken cancellationToken)
    {
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.Exited += OnExitedOffLoop;
        _unfinished = 1; // the exit, or the failure to spawn
        try
        {
            process.Start();
        }
        catch (Win32Exception error)
        {
            // Active (L1) until the failure is reported; any other exception is thrown, leaving the handle inactive.
            process.Dispose();
            _spawnError = SpawnError(file, error);
            SetActive(true);
            Loop.Defer(LoopCallback.ForTarget(EmitSpawnFailure, this)); // Node reports it after the current callback too
            return;
        }

        SetActive(true);
        _process = process;
        Pid = process.Id;
        if (options.Stdin == StdioMode.Pipe)
        {
            Stdin = new ProcessWritable(this, process.StandardInput.BaseStream);
        }
        else if (options.Stdin == StdioMode.Ignore)
        {
            process.StandardInput.Dispose(); // the child reads end-of-file, as from the null device
        }

        Stdout = options.Stdout == StdioMode.Inherit ? null : Output(options.Stdout, process.StandardOutput.BaseStream);
        Stderr = options.Stderr == StdioMode.Inherit ? null : Output(options.Stderr, process.StandardError.BaseStream);
        if (options.Timeout > TimeSpan.Zero)
        {
            // Unref'd: the child keeps the loop alive while it runs, and an unref'd child should not be kept by this.
            _killTimer = Loop.SetTimeout(static state => state.Child.Kill(state.Signal), (Child: this, Signal: options.KillSignal), options.Timeout);
            _killTimer.Unref();
        }

        _killSignal = options.KillSignal;
        Loop.Defer(LoopCallback.ForTarget(EmitSpawnDeferred, this));
        if (cancellationToken.CanBeCanceled)
        {
            // Runs where the token is cancelled, or here at once if it already is: either way, through the inbox.
            _abort = cancellationToken.Register(
                static (state, token) => ((ChildProcess)state!).Loop.Post(static abort => abort.Child.Abort(abort.Token), (Child: (ChildProcess)state!, Token: token)),
                this);
        }
    }

    /// <summary>A redirected stdout or stderr: piped, and reading from now on; or ignored, and drained.</summary>
    private ProcessReadable? Output(StdioMode mode, Stream stream)
    {
        if (mode == StdioMode.Ignore)
        {
            DiscardedOutput.Drain(stream);
            return null;
        }

        _unfinished++;
        var readable = new ProcessReadable(this, stream);
        readable.Start();
        return readable;
    }

    /// <summary>
    /// Node's error for a failed spawn: <c>spawn nosuch ENOENT</c>, keeping the error number. .NET refuses a directory
    /// itself, with no error number, where <c>execve</c> (and so Node) reports EACCES.
    /// </summary>
    private static Win32Exception SpawnError(string file, Win32Exception error)
    {
        const int PermissionDenied = 13; // EACCES
        int code = error.NativeErrorCode == 0 && !OperatingSystem.IsWindows() ? PermissionDenied : error.NativeErrorCode;
        return new Win32Exception(code, $"spawn {file} {SystemErrors.Name(code)}");
    }

    /// <summary>Raised by .NET on a pool thread once the child is reaped: records its exit code and posts it, touching nothing else.</summary>
    private void OnExitedOffLoop(object? sender, EventArgs e)
    {
        _exitCodeReported = ((Process)sender!).ExitCode;
        Loop.Inbox.Enqueue(LoopCallback.ForTarget(DeliverExit, this));
    }

    private void OnExited()
    {
        Process process = _process!;
        _process = null;
        process.Dispose(); // its pipes are the streams', closed as they end
        Loop.ClearTimeout(_killTimer);
        _abort.Dispose();
        if (IsClosing)
        {
            return; // closed by the user: nothing more to report
        }

        EmitSpawnIfPending();
        (ExitCode, SignalCode) = ExitOf(_exitCodeReported);
        Stdin?.Destroy(); // as Node: the child is gone, so is its stdin
        try
        {
            Exited(ExitCode, SignalCode);
        }
        finally
        {
            Stdout?.FlowAfterExit();
            Stderr?.FlowAfterExit();
            Finish();
        }
    }

    /// <summary>
    /// Splits .NET's exit code into Node's (code, signal). .NET gives a child ended by signal n the exit code 128 + n,
    /// the same as a child that called <c>exit(128 + n)</c>, and the real cause is gone by then (.NET reaps the child
    /// itself). So the code is read as a signal only when it is the one a signal sent by <see cref="Kill"/> gives.
    /// </summary>
    private (int? Code, PosixSignal? Signal) ExitOf(int exitCode)
    {
        PosixSignal? sent = _signalsSent?.Find(signal => exitCode == ProcessSignals.ExitCodeAfter(signal));
        if (sent is not null)
        {
            return (null, sent);
        }

        return (exitCode, null);
    }

    private void OnSpawnFailed()
    {
        if (IsClosing)
        {
            return;
        }

        Win32Exception error = _spawnError!;
        ExitCode = -error.NativeErrorCode; // as Node: -2 after ENOENT
        try
        {
            Error(error);
        }
        finally
        {
            Finish();
        }
    }

    /// <summary>One of exit, stdout's end and stderr's end happened; after the last, or a failed spawn, 'close'.</summary>
    private void Finish()
    {
        if (--_unfinished > 0 || IsClosing)
        {
            return;
        }

        SetActive(false);
        Closed(ExitCode, SignalCode);
    }
}
