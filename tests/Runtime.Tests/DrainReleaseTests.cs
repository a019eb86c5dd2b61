using System.Runtime.CompilerServices;

namespace Loopwire.Tests;

/// <summary>
/// A drain (N2) leaves the callbacks it ran in their queue slots while it runs, so that re-queueing the same callback
/// and state can skip the stores; once it ends, the loop must keep none of them alive.
/// </summary>
public sealed class DrainReleaseTests
{
    [Theory]
    [InlineData(QueueKind.Tick, 1)]
    [InlineData(QueueKind.Tick, 200)] // laps the 64-slot ring several times
    [InlineData(QueueKind.Microtask, 1)]
    [InlineData(QueueKind.Microtask, 200)]
    public void State_is_collectable_once_the_drain_ends(QueueKind kind, int chainLength)
    {
        // N1, N3: the chain runs in one drain (N2).
        using var loop = new EventLoop();
        WeakReference state = kind == QueueKind.Tick
            ? QueueChain(loop, chainLength, static (loop, step, link) => loop.NextTick(step, link))
            : QueueChain(loop, chainLength, static (loop, step, link) => loop.QueueMicrotask(step, link));

        loop.Run();

        AssertCollected(state);
    }

    [Fact]
    public void A_throwing_tick_does_not_keep_the_ticks_before_it_alive()
    {
        // N8: the drain goes on after an uncaught exception is reported, and still releases what it ran.
        using var loop = new EventLoop();
        var errors = new List<Exception>();
        loop.UncaughtException += errors.Add;
        WeakReference state = QueueChain(loop, 100, static (loop, step, link) =>
        {
            loop.NextTick(step, link);
            if (link.Remaining == 50)
            {
                loop.NextTick(static () => throw new InvalidOperationException("boom"));
            }
        });

        loop.Run();

        Assert.Single(errors);
        AssertCollected(state);
    }

    /// <summary>Queues, from an immediate, a chain of callbacks each queueing the next with the same state.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // the state must not outlive this frame in a local of the caller
    private static WeakReference QueueChain(EventLoop loop, int length, Action<EventLoop, Action<Link>, Link> queue)
    {
        var link = new Link(loop, length, queue);
        loop.SetImmediate(static link => link.Queue(link.Loop, Link.Step, link), link);
        return new WeakReference(link);
    }

    private static void AssertCollected(WeakReference reference)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(reference.IsAlive, "the loop still holds a callback's state after the drain that ran it");
    }

    public enum QueueKind
    {
        Tick,
        Microtask,
    }

    private sealed class Link(EventLoop loop, int remaining, Action<EventLoop, Action<Link>, Link> queue)
    {
        public static readonly Action<Link> Step = static link =>
        {
            if (--link.Remaining > 0)
            {
                link.Queue(link.Loop, Step!, link);
            }
        };

        public EventLoop Loop { get; } = loop;

        public Action<EventLoop, Action<Link>, Link> Queue { get; } = queue;

        public int Remaining { get; private set; } = remaining;
    }
}
