using System.Runtime.CompilerServices;

namespace Loopwire;

/// <summary>Joins any readable stream to any writable one, as Node's <c>readable.pipe(destination)</c> and <c>unpipe</c>.</summary>
public static class StreamPipe
{
    // Each source's pipes, for Unpipe; touched on the source's loop thread only.
    private static readonly ConditionalWeakTable<IReadableStream, List<PipeLink>> Pipes = new();

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

        var link = new PipeLink(source, destination);
        Pipes.GetOrCreateValue(source).Add(link);
        link.Attach();
        return destination;
    }

    /// <summary>
    /// Undoes <see cref="Pipe"/> (Node's <c>readable.unpipe([destination])</c>): the pipe to
    /// <paramref name="destination"/>, or every pipe when it is null, stops taking chunks, and the destination is no
    /// longer ended by the source's end; piped twice to one destination, the first pipe goes. Once the source has no
    /// pipe left it is paused, as in Node; a destination it does not pipe to changes nothing.
    /// </summary>
    /// <param name="source">The piped stream.</param>
    /// <param name="destination">The stream to unpipe, or null for all.</param>
    /// <returns><paramref name="source"/>, as in Node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static IReadableStream Unpipe(this IReadableStream source, IWritableStream? destination = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.Loop.VerifyLoopThread();
        if (!Pipes.TryGetValue(source, out List<PipeLink>? links))
        {
            return source;
        }

        int index = destination is null ? 0 : links.FindIndex(link => ReferenceEquals(link.Destination, destination));
        if (index < 0 || links.Count == 0)
        {
            return source;
        }

        int count = destination is null ? links.Count : 1; // as Node: every pipe, or the first to that destination
        foreach (PipeLink link in links.GetRange(index, count))
        {
            link.Detach();
        }

        links.RemoveRange(index, count);
        if (links.Count == 0)
        {
            source.Pause();
        }

        return source;
    }

    private static void EndIfWritable(IWritableStream destination)
    {
        if (destination.IsWritable)
        {
            destination.End();
        }
    }

    /// <summary>One pipe's listeners on both streams, kept so that <see cref="Unpipe"/> can remove them.</summary>
    private sealed class PipeLink(IReadableStream source, IWritableStream destination)
    {
        private Action<ReadOnlyMemory<byte>>? _onData;
        private Action? _onEnd;
        private Action? _onDrain;

        public IWritableStream Destination => destination;

        public void Attach()
        {
            // The runtime's own chunks are fresh arrays: a destination that can keep them need not copy them.
            Func<ReadOnlyMemory<byte>, bool> write = source is IFreshChunkSource && destination is IChunkKeeper keeper
                ? keeper.WriteKept
                : destination.Write;
            _onData = chunk =>
            {
                if (!destination.IsWritable || !write(chunk))
                {
                    source.Pause();
                }
            };
            _onEnd = () => EndIfWritable(destination);
            _onDrain = source.Resume;
            source.AddDataListener(_onData);
            source.AddEndListener(_onEnd);
            destination.AddDrainListener(_onDrain);
        }

        public void Detach()
        {
            source.RemoveDataListener(_onData!);
            source.RemoveEndListener(_onEnd!);
            destination.RemoveDrainListener(_onDrain!);
        }
    }
}
