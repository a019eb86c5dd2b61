namespace Loopwire.Internal;

/// <summary>
/// Makes <c>await</c> resume on the loop: a continuation posted from the loop thread is a microtask (N3); one
/// posted from elsewhere goes through the inbox to the poll phase. <c>async void</c> faults arrive the same way
/// and surface as uncaught exceptions (N8).
/// </summary>
internal sealed class LoopSynchronizationContext(EventLoop loop) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        loop.Schedule(LoopCallback.ForPost(d, state));
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!loop.IsLoopThread)
        {
            throw new NotSupportedException(
                "Send would block this thread until the loop runs the callback; use Post, or EventLoop.Post, instead.");
        }

        d(state);
    }

    public override SynchronizationContext CreateCopy() => this;
}
