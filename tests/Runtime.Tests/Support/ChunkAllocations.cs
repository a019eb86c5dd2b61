namespace Loopwire.Tests.Support;

/// <summary>
/// What a stream's reads allocate on the loop thread beyond the chunks they hand to listeners. <see cref="Record"/>
/// notes, as each chunk reaches its listener, the bytes allocated so far (its chunk is allocated by then) and the
/// chunk's length. Counted over windows of 64 chunks after 32 to warm up; the least of three windows is kept, as in
/// AllocationTests, so that a one-off allocation by the runtime under load cannot fail a test.
/// </summary>
internal sealed class ChunkAllocations
{
    private const int WarmUpChunks = 32;
    private const int WindowChunks = 64;
    private const int Windows = 3;

    /// <summary>The chunks recorded: enough for every window.</summary>
    public const int Recorded = WarmUpChunks + (Windows * WindowChunks) + 1;

    private readonly long[] _allocatedAt = new long[Recorded];
    private readonly int[] _lengths = new int[Recorded];

    /// <summary>The chunks seen, recorded or not.</summary>
    public int Count { get; private set; }

    /// <summary>Call first thing in the <c>data</c> listener.</summary>
    public void Record(int chunkLength)
    {
        if (Count < Recorded)
        {
            _allocatedAt[Count] = GC.GetAllocatedBytesForCurrentThread();
            _lengths[Count] = chunkLength;
        }

        Count++;
    }

    /// <summary>The least any window allocated beyond its chunks' arrays.</summary>
    public long LeastBeyondChunks()
    {
        Assert.InRange(Count, Recorded, int.MaxValue);
        return Enumerable.Range(0, Windows)
            .Select(window => WarmUpChunks + (window * WindowChunks))
            .Min(first => _allocatedAt[first + WindowChunks] - _allocatedAt[first]
                - _lengths.Skip(first + 1).Take(WindowChunks).Sum(ArrayBytes));
    }

    /// <summary>A byte array's size on the heap on 64-bit .NET: a 24-byte header, the bytes rounded up to 8.</summary>
    private static int ArrayBytes(int length) => 24 + ((length + 7) & ~7);
}
