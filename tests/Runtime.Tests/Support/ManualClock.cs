namespace Loopwire.Tests.Support;

/// <summary>A clock that moves only when a test advances it, so timer tests never depend on real time.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(double milliseconds) => _ticks += (long)(milliseconds * TimeSpan.TicksPerMillisecond);
}
