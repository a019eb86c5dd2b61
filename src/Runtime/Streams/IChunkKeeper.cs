namespace Loopwire;

/// <summary>
/// A writable stream that can queue a chunk without copying it: what <see cref="StreamPipe.Pipe"/> uses between an
/// <see cref="IFreshChunkSource"/> and it, where <see cref="IWritableStream.Write"/> must copy, since its caller may
/// reuse its buffer.
/// </summary>
internal interface IChunkKeeper : IWritableStream
{
    /// <summary>As <see cref="IWritableStream.Write"/>, but keeps <paramref name="chunk"/> itself when it is a whole array.</summary>
    bool WriteKept(ReadOnlyMemory<byte> chunk);
}
