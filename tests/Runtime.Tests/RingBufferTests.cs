using Loopwire.Internal;

namespace Loopwire.Tests;

/// <summary>The loop's queue: FIFO across growth, and taken entries cleared exactly when asked (N1, N3).</summary>
public sealed class RingBufferTests
{
    [Fact]
    public void Entries_come_out_in_order_across_wraps_and_growth()
    {
        var ring = new RingBuffer<string>();
        var expected = new Queue<string>();
        for (int round = 0; round < 300; round++)
        {
            ring.Enqueue($"a{round}");
            ring.Enqueue($"b{round}");
            expected.Enqueue($"a{round}");
            expected.Enqueue($"b{round}");
            Assert.True(ring.TryDequeue(out string? first));
            Assert.Equal(expected.Dequeue(), first);
        }

        while (ring.TryDequeue(out string? next))
        {
            Assert.Equal(expected.Dequeue(), next);
        }

        Assert.Empty(expected);
        Assert.True(ring.IsEmpty);
    }

    [Fact]
    public void Taken_slots_keep_their_entry_until_cleared()
    {
        var ring = new RingBuffer<string?>();
        ring.Enqueue("taken");

        Assert.True(ring.TryTake(out string? taken));

        Assert.Equal("taken", taken);
        Assert.True(ring.IsEmpty);
        Assert.Equal("taken", ring[-1]);
        ring.ClearTaken();
        Assert.Null(ring[-1]);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(63, 1)]
    [InlineData(64, 0)]
    [InlineData(200, 10)]
    [InlineData(70, 100)]
    public void Clearing_taken_slots_spares_live_entries_after_the_ring_wraps(int taken, int live)
    {
        // A chain of ticks laps the ring many times; the live entries behind it must survive the clearing.
        var ring = new RingBuffer<string?>();
        for (int i = 0; i < taken; i++)
        {
            ring.Append() = $"taken {i}";
            Assert.True(ring.TryTake(out _));
        }

        for (int i = 0; i < live; i++)
        {
            ring.Enqueue($"live {i}");
        }

        ring.ClearTaken();

        // Every slot of the 64 behind the head that is not live: only the growth case has none left to check.
        for (long offset = -1; offset >= live - 64; offset--)
        {
            Assert.Null(ring[offset]);
        }

        for (int i = 0; i < live; i++)
        {
            Assert.True(ring.TryDequeue(out string? entry));
            Assert.Equal($"live {i}", entry);
        }
    }
}
