namespace Loopwire.Internal;

/// <summary>Pool work with state and a result, completed by a callback given the error or the result.</summary>
internal sealed class StateWork<TState, TResult>(
    EventLoop loop,
    Func<TState, TResult> work,
    TState state,
    Action<Exception?, TResult?> afterWork) : WorkRequest(loop)
{
    private TResult? _result;

    private protected override void Run() => _result = work(state);

    private protected override void AfterWork(Exception? error) => afterWork(error, error is null ? _result : default);
}
