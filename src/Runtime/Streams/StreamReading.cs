namespace Loopwire;

/// <summary>Reads a stream with <c>await foreach</c>, as Node's <c>for await (const chunk of readable)</c>.</summary>
public static class StreamReading
{
    /// <summary>
    /// The chunks of <paramref name="source"/>, in order, for <c>await foreach</c>. Listening starts now, so no chunk is
    /// lost before the loop begins. Chunks wait in a buffer until the loop takes them; once 16 KiB (Node's default
    /// <c>readableHighWaterMark</c>) wait, the source is paused, and it is resumed when the loop catches up. The
    /// iteration ends after the source's <c>end</c>, and throws the source's error, or a
    /// <see cref="PrematureCloseException"/> when it is destroyed without one. As in Node, a loop that stops before
    /// the end (<c>break</c>, an exception, cancellation) destroys the source.
    /// </summary>
    /// <param name="source">The stream to read: a socket, a file read stream, a child's stdout or stderr.</param>
    /// <param name="cancellationToken">Ends the iteration with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The chunks, each a new array the loop may keep; enumerable once. Iterate on the loop thread: an
    /// <c>await</c> in a loop callback resumes there.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAllAsync(this IReadableStream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.Loop.VerifyLoopThread();
        return new ReadableIterator(source, cancellationToken);
    }
}
