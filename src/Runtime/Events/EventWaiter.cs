namespace Loopwire.Events;

/// <summary>
/// Awaits one event (E10, Node's <c>events.once</c>): completes with the payload, faults when <c>error</c> fires
/// first, and removes both listeners either way. Generated <c>Next</c> members create and wire it.
/// </summary>
/// <typeparam name="T">The payload: the single argument, or a tuple of them.</typeparam>
public sealed class EventWaiter<T>
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _cancellation;
    private Action? _detach;

    /// <summary>Creates a waiter that is cancelled with <paramref name="cancellationToken"/>.</summary>
    /// <param name="cancellationToken">Cancels the wait; cancel it on the loop thread, as it removes listeners.</param>
    public EventWaiter(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(static state => ((EventWaiter<T>)state!).Cancel(), this);
        }
    }

    /// <summary>Completes with the payload, or faults, or is cancelled.</summary>
    public Task<T> Task => _completion.Task;

    /// <summary>Sets what removes the waiter's listeners; runs at once when the waiter has already settled.</summary>
    /// <param name="detach">Removes both listeners.</param>
    public void OnSettled(Action detach)
    {
        ArgumentNullException.ThrowIfNull(detach);
        if (_completion.Task.IsCompleted)
        {
            detach();
            return;
        }

        _detach = detach;
    }

    /// <summary>The event fired: completes with its payload.</summary>
    /// <param name="payload">The event's payload.</param>
    public void Complete(T payload)
    {
        if (_completion.TrySetResult(payload))
        {
            Settle();
        }
    }

    /// <summary><c>error</c> fired first: faults with its exception.</summary>
    /// <param name="error">The error.</param>
    public void Fail(Exception error)
    {
        if (_completion.TrySetException(error))
        {
            Settle();
        }
    }

    private void Cancel()
    {
        if (_completion.TrySetCanceled())
        {
            Settle();
        }
    }

    private void Settle()
    {
        _cancellation.Dispose();
        var detach = _detach;
        _detach = null;
        detach?.Invoke();
    }
}
