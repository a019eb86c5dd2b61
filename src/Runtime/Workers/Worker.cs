namespace Loopwire.Workers;

/// <summary>
/// A program running on a thread of its own with its own loop, as Node's <c>worker_threads</c> <c>Worker</c>: for
/// work that would block this loop too long for the work pool, or that is a loop program itself. The two loops share
/// nothing but messages: <see cref="PostMessage"/> sends to the worker's <see cref="WorkerPort"/>, and what the worker
/// posts comes back as 'message', each on its receiver's loop thread, in the order sent.
/// </summary>
/// <remarks>
/// <para>
/// Events, on this loop: 'online' once the worker's thread runs, 'message', 'error' when the worker's program ended
/// with an uncaught exception (thrown on this loop when nobody listens, E2), then 'exit' with its exit code: its loop's
/// <see cref="EventLoop.ExitCode"/>, 1 after an uncaught exception or <see cref="TerminateAsync"/>. A handle: active,
/// and so keeping this loop alive, until 'exit' (L1); <see cref="Handle.Unref"/> lets this loop end without it (L2).
/// </para>
/// <para>
/// Messages and the worker's data are handed over as they are, not cloned as Node clones them: send values neither
/// side changes afterwards. A worker cannot be stopped in the middle of a callback: <see cref="TerminateAsync"/> stops
/// its loop once the callback running returns.
/// </para>
/// </remarks>
[EventEmitter]
public sealed partial class Worker : Handle
{
    private static int s_lastThreadId;

    private readonly WorkerChannel _channel;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts <paramref name="main"/> on a new thread with its own loop, as Node's <c>new Worker(file, { workerData })</c>.</summary>
    /// <param name="loop">This loop, on its own thread: the worker's events come here.</param>
    /// <param name="main">The worker's program; it runs on the worker's thread, on the worker's loop.</param>
    /// <param name="workerData">Given to the worker as <see cref="WorkerPort.WorkerData"/>, shared, not copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="main"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public Worker(EventLoop loop, [RunsOnLoop] WorkerMain main, object? workerData = null)
        : base(loop)
    {
        ArgumentNullException.ThrowIfNull(main);
        ThreadId = Interlocked.Increment(ref s_lastThreadId);
        SetActive(true);
        WorkerChannel channel = _channel = new WorkerChannel(loop, this);
        var thread = new Thread(() => channel.Run(main, workerData))
        {
            IsBackground = true,
            Name = $"Loopwire worker {ThreadId}",
        };
        thread.Start();
    }

    /// <summary>The worker's number, from 1, unique in this process (Node's <c>worker.threadId</c>).</summary>
    public int ThreadId { get; }

    /// <summary>The worker's exit code once 'exit' was emitted; null until then.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>
    /// Sends <paramref name="message"/> to the worker, whose <see cref="WorkerPort"/> emits it as 'message' on the
    /// worker's loop; sent before the worker runs, it waits for it. Handed over as it is, not copied. Once the worker
    /// has exited, the message is dropped, as in Node.
    /// </summary>
    /// <param name="message">What to send.</param>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void PostMessage(object? message)
    {
        Loop.VerifyLoopThread();
        _channel.SendToWorker(message);
    }

    /// <summary>
    /// Stops the worker (Node's <c>worker.terminate()</c>): its loop stops once the callback it runs returns, or at
    /// once if it is waiting, and 'exit' follows with code 1.
    /// </summary>
    /// <returns>The exit code, once 'exit' was emitted.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public Task<int> TerminateAsync()
    {
        Loop.VerifyLoopThread();
        _channel.Terminate();
        return _exited.Task;
    }

    /// <summary>The worker's thread runs: its loop is up.</summary>
    [Event] partial void Online();

    /// <summary>A message the worker posted, in the order posted.</summary>
    [Event] partial void Message(object? message);

    /// <summary>The worker's program ended with an uncaught exception; 'exit' follows with code 1. With no listener the error is thrown on this loop (E2).</summary>
    [Event] partial void Error(Exception error);

    /// <summary>Last: the worker's thread is done, with this exit code.</summary>
    [Event] partial void Exit(int exitCode);

    private protected override void OnClosing()
    {
        // Closing the handle only stops the events here, as uv_close would; the worker runs on unless terminated.
    }

    internal void DeliverOnline()
    {
        if (!IsClosing)
        {
            Online();
        }
    }

    internal void Deliver(object? message)
    {
        if (!IsClosing)
        {
            Message(message);
        }
    }

    internal void DeliverExit(Exception? error, int exitCode)
    {
        ExitCode = exitCode;
        SetActive(false);
        _exited.SetResult(exitCode);
        if (IsClosing)
        {
            return;
        }

        try
        {
            if (error is not null)
            {
                Error(error);
            }
        }
        finally
        {
            Exit(exitCode);
        }
    }
}
