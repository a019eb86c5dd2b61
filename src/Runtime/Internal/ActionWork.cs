namespace Loopwire.Internal;

/// <summary>Pool work without a result, completed by a callback.</summary>
internal sealed class ActionWork(EventLoop loop, Action work, Action<Exception?> afterWork) : WorkRequest(loop)
{
    private protected override void Run() => work();

    private protected override void AfterWork(Exception? error) => afterWork(error);
}
