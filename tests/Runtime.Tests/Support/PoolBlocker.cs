namespace Loopwire.Tests.Support;

/// <summary>
/// Occupies every thread of a one-thread pool until released, so that work queued meanwhile is known not to have
/// started: cancellation and pending-queue tests then need no timing luck.
/// </summary>
internal sealed class PoolBlocker
{
    private readonly ManualResetEventSlim _started = new();
    private readonly ManualResetEventSlim _release = new();

    private PoolBlocker()
    {
    }

    /// <summary>A loop with a pool of its own, one thread, already busy with a blocker.</summary>
    public static EventLoop LoopWithBusyPool(out PoolBlocker blocker, TimeProvider? clock = null)
    {
        var loop = new EventLoop(new EventLoopOptions { ThreadPoolSize = 1, TimeProvider = clock ?? TimeProvider.System });
        blocker = new PoolBlocker();
        PoolBlocker self = blocker;
        loop.QueueWork(
            () =>
            {
                self._started.Set();
                self._release.Wait();
            },
            _ => { });
        Assert.True(blocker._started.Wait(TimeSpan.FromSeconds(30)), "the pool thread never started the blocker");
        return loop;
    }

    /// <summary>Lets the blocker finish; its completion then reaches the loop through the poll phase.</summary>
    public void Release() => _release.Set();
}
