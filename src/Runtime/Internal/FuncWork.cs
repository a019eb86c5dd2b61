namespace Loopwire.Internal;

/// <summary>Pool work with a result, completed by a callback given the error or the result.</summary>
internal sealed class FuncWork<TResult>(EventLoop loop, Func<TResult> work, Action<Exception?, TResult?> afterWork) : WorkRequest(loop)
{
    private TResult? _result;

    private protected override void Run() => _result = work();

    private protected override void AfterWork(Exception? error) => afterWork(error, error is null ? _result : default);
}
