namespace Loopwire;

/// <summary>Reads a stream with <c>await foreach</c>, by chunk or by line, as Node's <c>for await (const chunk of readable)</c> and <c>readline</c>.</summary>
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

    /// <summary>
    /// The lines of <paramref name="source"/>, decoded as UTF-8, for <c>await foreach</c>, as Node's
    /// <c>for await (const line of readline.createInterface({ input }))</c>: split at <c>\n</c>, <c>\r\n</c> or a
    /// lone <c>\r</c>, without the break; a last line with no break after it comes too. Otherwise as
    /// <see cref="ReadAllAsync"/>: listening starts now, the source is paused while the loop falls behind, and a loop
    /// that stops early destroys the source (Node's readline would only pause it).
    /// </summary>
    /// <param name="source">The stream to read: a socket, a file read stream, a child's stdout or stderr.</param>
    /// <param name="cancellationToken">Ends the iteration with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The lines; enumerable once. Iterate on the loop thread.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static IAsyncEnumerable<string> ReadLinesAsync(this IReadableStream source, CancellationToken cancellationToken = default) =>
        LinesOf(source.ReadAllAsync(cancellationToken)); // called now, so that it listens now

    private static async IAsyncEnumerable<string> LinesOf(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        var splitter = new LineSplitter();
        var lines = new List<string>();
        await foreach (ReadOnlyMemory<byte> chunk in chunks)
        {
            splitter.Split(chunk.Span, lines);
            foreach (string line in lines)
            {
                yield return line;
            }

            lines.Clear();
        }

        if (splitter.Finish() is { } last)
        {
            yield return last;
        }
    }
}
