namespace Loopwire;

/// <summary>Joins any readable stream to any writable one, as Node's <c>readable.pipe(destination)</c>.</summary>
public static class StreamPipe
{
    /// <summary>
    /// Writes every chunk of <paramref name="source"/> to <paramref name="destination"/> and ends it after the last,
    /// with Node's backpressure: when <see cref="IWritableStream.Write"/> returns false the source is paused, and
    /// <c>drain</c> resumes it, so about the destination's high-water mark (plus a chunk) waits in memory at most.
    /// Once the destination can no longer be written (ended, closed or failed), the source is paused, as Node's pipe
    /// unpipes and pauses it. A source that has already ended ends the destination after the current callback.
    /// </summary>
    /// <typeparam name="TDestination">The destination's type, returned as is for chaining.</typeparam>
    /// <param name="source">The stream to read: a socket, a file read stream, a child's stdout or stderr.</param>
    /// <param name="destination">The stream to write: a socket, a file write stream, a child's stdin.</param>
    /// <returns><paramref name="destination"/>, as in Node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="destination"/> is null.</exception>
    /// <remarks>
    /// As in Node, errors are not forwarded: listen for <c>error</c> on both streams, or use
    /// <see cref="StreamPipeline"/>, which does.
    /// </remarks>
    public static TDestination Pipe<TDestination>(this IReadableStream source, TDestination destination)
        where TDestination : IWritableStream
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.IsEnded)
        {
            // Its 'end' is past: the destination is ended after the current callback, as Node's pipe does then.
            source.Loop.NextTick(() => EndIfWritable(destination));
            return destination;
        }

        // The runtime's own chunks are fresh arrays: a destination that can keep them need not copy them.
        Func<ReadOnlyMemory<byte>, bool> write = source is IFreshChunkSource && destination is IChunkKeeper keeper
            ? keeper.WriteKept
            : destination.Write;
        source.AddDataListener(chunk =>
        {
            if (!destination.IsWritable || !write(chunk))
            {
                source.Pause();
            }
        });
        source.AddEndListener(() => EndIfWritable(destination));
        destination.AddDrainListener(source.Resume);
        return destination;
    }

    private static void EndIfWritable(IWritableStream destination)
    {
        if (destination.IsWritable)
        {
            destination.End();
        }
    }
}
