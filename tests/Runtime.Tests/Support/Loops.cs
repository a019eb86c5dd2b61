namespace Loopwire.Tests.Support;

/// <summary>Loop construction shared by the tests.</summary>
internal static class Loops
{
    /// <summary>A loop whose time moves only through <paramref name="clock"/>; run it with <see cref="RunMode.NoWait"/>.</summary>
    public static EventLoop WithClock(out ManualClock clock)
    {
        clock = new ManualClock();
        return new EventLoop(new EventLoopOptions { TimeProvider = clock });
    }
}
