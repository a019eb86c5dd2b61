using Loopwire.Internal;

namespace Loopwire;

public sealed partial class EventLoop
{
    /// <summary>Runs <paramref name="work"/> on the work pool, then <paramref name="afterWork"/> on the loop (L12).</summary>
    /// <param name="work">Runs on a pool thread; must not touch the loop except through <see cref="Post(Action)"/>.</param>
    /// <param name="afterWork">Runs on the loop thread with the work's exception, or null on success.</param>
    /// <returns>The request, which can be cancelled while still queued.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public WorkRequest QueueWork([RunsOnPool] Action work, [RunsOnLoop] Action<Exception?> afterWork)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(afterWork);
        return Submit(new ActionWork(this, work, afterWork));
    }

    /// <summary>Runs <paramref name="work"/> on the work pool, then hands its result to <paramref name="afterWork"/> on the loop (L12).</summary>
    /// <typeparam name="TResult">The work's result.</typeparam>
    /// <param name="work">Runs on a pool thread; must not touch the loop except through <see cref="Post(Action)"/>.</param>
    /// <param name="afterWork">Runs on the loop thread with the work's exception (and a default result), or null and the result.</param>
    /// <returns>The request, which can be cancelled while still queued.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public WorkRequest QueueWork<TResult>([RunsOnPool] Func<TResult> work, [RunsOnLoop] Action<Exception?, TResult?> afterWork)
    {
        ArgumentNullException.ThrowIfNull(work);
        return QueueWork(static work => work(), work, afterWork);
    }

    /// <summary>Runs <paramref name="work"/> with <paramref name="state"/> on the work pool, without a closure, then hands its result to <paramref name="afterWork"/> on the loop (L12).</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <typeparam name="TResult">The work's result.</typeparam>
    /// <param name="work">Runs on a pool thread; must not touch the loop except through <see cref="Post(Action)"/>.</param>
    /// <param name="state">Passed to the work.</param>
    /// <param name="afterWork">Runs on the loop thread with the work's exception (and a default result), or null and the result.</param>
    /// <returns>The request, which can be cancelled while still queued.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public WorkRequest QueueWork<TState, TResult>([RunsOnPool] Func<TState, TResult> work, TState state, [RunsOnLoop] Action<Exception?, TResult?> afterWork)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(afterWork);
        return Submit(new StateWork<TState, TResult>(this, work, state, afterWork));
    }

    /// <summary>Runs <paramref name="work"/> on the work pool; the task completes on the loop thread, so <c>await</c> resumes there.</summary>
    /// <param name="work">Runs on a pool thread.</param>
    /// <param name="cancellationToken">Cancels the work while it is still queued (L12).</param>
    /// <returns>A task that completes on the loop when the work is done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    public Task QueueWorkAsync([RunsOnPool] Action work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return QueueWorkAsync(
            static work =>
            {
                work();
                return true;
            },
            work,
            cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> on the work pool; the task completes on the loop thread with its result.</summary>
    /// <typeparam name="TResult">The work's result.</typeparam>
    /// <param name="work">Runs on a pool thread.</param>
    /// <param name="cancellationToken">Cancels the work while it is still queued (L12).</param>
    /// <returns>A task that completes on the loop with the work's result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    public Task<TResult> QueueWorkAsync<TResult>([RunsOnPool] Func<TResult> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return QueueWorkAsync(static work => work(), work, cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> with <paramref name="state"/> on the work pool, without a closure; the task completes on the loop.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <typeparam name="TResult">The work's result.</typeparam>
    /// <param name="work">Runs on a pool thread.</param>
    /// <param name="state">Passed to the work.</param>
    /// <param name="cancellationToken">Cancels the work while it is still queued (L12).</param>
    /// <returns>A task that completes on the loop with the work's result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    public Task<TResult> QueueWorkAsync<TState, TResult>([RunsOnPool] Func<TState, TResult> work, TState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var request = new TaskWork<TState, TResult>(this, work, state, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        Submit(request);
        request.ObserveCancellation();
        return request.Task;
    }

    private WorkRequest Submit(WorkRequest request)
    {
        VerifyLoopThread();
        _pool.Enqueue(request);
        ActiveRequests++;
        return request;
    }
}
