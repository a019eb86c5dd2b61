using System.Runtime.ExceptionServices;
using Loopwire.Internal;

namespace Loopwire;

public sealed partial class EventLoop
{
    /// <summary>
    /// Runs a program the way Node runs a script: <paramref name="main"/> first, then its ticks and microtasks,
    /// then the loop until it is no longer alive; then <see cref="Exit"/>.
    /// </summary>
    /// <param name="main">The program's body, run on the calling thread, which becomes the loop thread.</param>
    /// <param name="options">The loop's settings, or null for the defaults.</param>
    /// <returns>The exit code a script would have: <see cref="ExitCode"/>, 1 after an uncaught exception (N8).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    [AnyThread]
    public static int RunMain([RunsOnLoop] Action<EventLoop> main, EventLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        return RunScript(main, options, PrintUncaught);
    }

    /// <summary>
    /// Runs an async program the way Node runs a module with top-level <c>await</c>: the loop stays alive until
    /// <paramref name="main"/>'s task completes, its continuations run on the loop, and a fault is uncaught (N8).
    /// </summary>
    /// <param name="main">The program's body, run on the calling thread, which becomes the loop thread.</param>
    /// <param name="options">The loop's settings, or null for the defaults.</param>
    /// <returns>The exit code a script would have: <see cref="ExitCode"/>, 1 after an uncaught exception (N8).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    [AnyThread]
    public static int RunMain([RunsOnLoop] Func<EventLoop, Task> main, EventLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        return RunScript(loop => loop.AwaitMainTask(main(loop)), options, PrintUncaught);
    }

    /// <summary>
    /// Runs <paramref name="body"/> as a script's main, then the loop until it is no longer alive, on the calling
    /// thread; an exception nothing caught goes to <paramref name="uncaught"/> and makes the exit code 1 (N8).
    /// </summary>
    [AnyThread]
    internal static int RunScript([RunsOnLoop] Action<EventLoop> body, EventLoopOptions? options, Action<Exception> uncaught)
    {
        var loop = new EventLoop(options ?? new EventLoopOptions());
        try
        {
            using (loop.EnterRun())
            {
                loop.RunCallback(LoopCallback.Once(body, loop));
            }

            loop.Run();
        }
        catch (Exception error)
        {
            uncaught(error);
            loop.ExitCode = 1;
        }

        loop.Dispose();
        return loop.ExitCode;
    }

    private static void PrintUncaught(Exception error) => Console.Error.WriteLine($"Uncaught {error}");

    /// <summary>Keeps the loop alive until <paramref name="task"/>, a script's top-level work, completes; its fault is uncaught (N8).</summary>
    internal void AwaitMainTask(Task? task)
    {
        if (task is null)
        {
            throw new InvalidOperationException("The main function returned a null Task; return a Task (an async method does).");
        }

        // The pending task is the script's top-level await: it keeps the loop alive like a queued request. The
        // continuation may run inline where the task completes (on the loop thread, through the loop's context),
        // so a fault is rethrown from a microtask, where it becomes an uncaught exception (N8).
        ActiveRequests++;
        task.ConfigureAwait(true).GetAwaiter().UnsafeOnCompleted(() =>
        {
            ActiveRequests--;
            if (!task.IsCompletedSuccessfully)
            {
                QueueMicrotask(static task => ExceptionDispatchInfo.Throw(task.Exception?.InnerException ?? new TaskCanceledException(task)), task);
            }
        });
    }
}
