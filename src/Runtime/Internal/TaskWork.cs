namespace Loopwire.Internal;

/// <summary>
/// Pool work awaited as a task. The task completes on the loop thread and its continuations are scheduled
/// asynchronously, so an <c>await</c> resumes as a microtask (N3) rather than inside the completion.
/// </summary>
internal sealed class TaskWork<TState, TResult> : WorkRequest
{
    private readonly Func<TState, TResult> _work;
    private readonly TState _state;
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;
    private TResult? _result;

    public TaskWork(EventLoop loop, Func<TState, TResult> work, TState state, CancellationToken cancellationToken)
        : base(loop)
    {
        _work = work;
        _state = state;
        _cancellationToken = cancellationToken;
    }

    public Task<TResult> Task => _completion.Task;

    /// <summary>Lets the token cancel the work while it is queued; the token may fire on any thread, so it posts.</summary>
    public void ObserveCancellation()
    {
        if (_cancellationToken.CanBeCanceled)
        {
            _registration = _cancellationToken.UnsafeRegister(
                static state => ((TaskWork<TState, TResult>)state!).Loop.Post(static work => work.Cancel(), (TaskWork<TState, TResult>)state!),
                this);
        }
    }

    private protected override void Run() => _result = _work(_state);

    private protected override void AfterWork(Exception? error)
    {
        _registration.Dispose();
        if (error is OperationCanceledException && _cancellationToken.IsCancellationRequested)
        {
            _completion.SetCanceled(_cancellationToken);
        }
        else if (error is not null)
        {
            _completion.SetException(error);
        }
        else
        {
            _completion.SetResult(_result!);
        }
    }
}
