using Loopwire.Internal;

namespace Loopwire;

/// <summary>
/// Work queued on the pool by <see cref="EventLoop.QueueWork(Action, Action{Exception})"/>. It keeps the loop alive
/// until its completion callback has run on the loop thread (L12).
/// </summary>
public abstract class WorkRequest
{
    private const int Queued = 0;
    private const int Running = 1;
    private const int Finished = 2;
    private const int Cancelled = 3;

    private static readonly Action<object?> CompleteOnLoop = static request => ((WorkRequest)request!).Complete();

    private int _state;
    private Exception? _error;

    private protected WorkRequest(EventLoop loop) => Loop = loop;

    /// <summary>The loop the completion callback runs on.</summary>
    public EventLoop Loop { get; }

    /// <summary>Whether the completion callback has run.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>
    /// Cancels the work if no pool thread has started it; its completion callback then runs with an
    /// <see cref="OperationCanceledException"/> (L12).
    /// </summary>
    /// <returns>True when cancelled; false when the work already started or finished.</returns>
    public bool Cancel()
    {
        Loop.VerifyLoopThread();
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) != Queued)
        {
            return false;
        }

        _error = new OperationCanceledException("The work was cancelled before a pool thread started it.");
        Loop.QueuePending(LoopCallback.ForTarget(CompleteOnLoop, this));
        return true;
    }

    /// <summary>Runs on a pool thread.</summary>
    private protected abstract void Run();

    /// <summary>Runs on the loop thread with the work's outcome.</summary>
    private protected abstract void AfterWork(Exception? error);

    internal void Execute()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Queued) != Queued)
        {
            return;
        }

        try
        {
            Run();
        }
        catch (Exception error)
        {
            _error = error;
        }

        Volatile.Write(ref _state, Finished);
        Loop.Inbox.Enqueue(LoopCallback.ForTarget(CompleteOnLoop, this));
    }

    private void Complete()
    {
        IsCompleted = true;
        Loop.ActiveRequests--;
        AfterWork(_error);
    }
}
