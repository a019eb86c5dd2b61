namespace Loopwire.Events;

/// <summary>Routes the faults of async listeners to the emitter's <c>error</c> event (E9).</summary>
public static class AsyncListeners
{
    /// <summary>
    /// Watches the task an async listener returned. When <see cref="EmitterCore.CaptureRejections"/> is on and the
    /// task faults or is cancelled, its exception is emitted as <c>error</c>, on the context that emitted the event.
    /// When off, the task is left alone and an unobserved fault stays visible to <see cref="TaskScheduler.UnobservedTaskException"/>.
    /// </summary>
    /// <param name="task">The task the listener returned.</param>
    /// <param name="core">The emitter's shared state.</param>
    public static void Observe(Task? task, EmitterCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        if (task is null || task.IsCompletedSuccessfully || !core.CaptureRejections)
        {
            return;
        }

        if (task.IsCompleted)
        {
            Route(task, core);
            return;
        }

        // TaskAwaiter resumes on the captured synchronization context: the loop thread when emitted from it.
        var awaiter = task.GetAwaiter();
        awaiter.OnCompleted(() => Route(task, core));
    }

    private static void Route(Task task, EmitterCore core)
    {
        if (task.IsFaulted)
        {
            var inner = task.Exception!.InnerExceptions;
            core.Reject(inner.Count == 1 ? inner[0] : task.Exception);
        }
        else if (task.IsCanceled)
        {
            core.Reject(new TaskCanceledException(task));
        }
    }
}
