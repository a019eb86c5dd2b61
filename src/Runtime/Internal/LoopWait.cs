namespace Loopwire.Internal;

/// <summary>
/// One awaitable wait on the loop (<see cref="EventLoop.DelayAsync(double, CancellationToken)"/>,
/// <see cref="EventLoop.ImmediateAsync"/>): completes when its timer or immediate runs; a cancellation, from any
/// thread, is carried to the loop, which clears the timer or immediate and cancels the task.
/// </summary>
internal sealed class LoopWait
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly EventLoop _loop;
    private readonly CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;
    private Timer? _timer;
    private Immediate? _immediate;

    public LoopWait(EventLoop loop, CancellationToken cancellationToken)
    {
        _loop = loop;
        _cancellationToken = cancellationToken;
    }

    public Task Task => _completion.Task;

    /// <summary>Waits on <paramref name="timer"/>, which calls <see cref="Complete"/>.</summary>
    public void Start(Timer timer)
    {
        _timer = timer;
        ListenForCancellation();
    }

    /// <summary>Waits on <paramref name="immediate"/>, which calls <see cref="Complete"/>.</summary>
    public void Start(Immediate immediate)
    {
        _immediate = immediate;
        ListenForCancellation();
    }

    public void Complete()
    {
        _registration.Dispose();
        _completion.TrySetResult();
    }

    private void ListenForCancellation()
    {
        if (_cancellationToken.CanBeCanceled)
        {
            _registration = _cancellationToken.Register(static wait => ((LoopWait)wait!).CancelOnTheLoop(), this);
        }
    }

    private void CancelOnTheLoop() => _loop.Post(static wait => wait.Cancel(), this);

    private void Cancel()
    {
        if (_completion.Task.IsCompleted)
        {
            return; // it ran first
        }

        _loop.ClearTimeout(_timer);
        _immediate?.Clear();
        _registration.Dispose();
        _completion.TrySetCanceled(_cancellationToken);
    }
}
