namespace Loopwire;

/// <summary>Readable streams made from code, as Node's <c>stream.Readable.from(iterable)</c>.</summary>
public static class ReadableStream
{
    /// <summary>
    /// A readable stream of <paramref name="chunks"/>, as Node's <c>Readable.from(asyncIterable)</c>: the sequence is
    /// read on the loop, from after the current callback, one chunk at a time, with backpressure (the next is asked
    /// for only while fewer than 16 KiB wait unread), and the stream ends after the last. An exception the sequence
    /// throws destroys the stream with it; a stream destroyed by its reader cancels the sequence.
    /// </summary>
    /// <param name="loop">The loop that reads the sequence and emits the stream's events.</param>
    /// <param name="chunks">The bytes, in order; each chunk is copied, so the sequence may reuse its buffers.</param>
    /// <returns>The stream, to pipe, iterate or put at a pipeline's start.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    /// <remarks>
    /// While the sequence is producing its next chunk, the loop is kept alive, as a request would keep it; while the
    /// stream waits for its reader, it is not, as in Node, where an unread stream holds no handle.
    /// </remarks>
    public static IReadableStream From(EventLoop loop, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return Start(loop, chunks.GetAsyncEnumerator);
    }

    /// <summary>A readable stream of <paramref name="chunks"/>, as Node's <c>Readable.from(iterable)</c>; otherwise as the asynchronous form.</summary>
    /// <param name="loop">The loop that reads the sequence and emits the stream's events.</param>
    /// <param name="chunks">The bytes, in order; each chunk is copied.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static IReadableStream From(EventLoop loop, IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return Start(loop, _ => new SynchronousEnumerator(chunks.GetEnumerator()));
    }

    private static TransformStream Start(EventLoop loop, Func<CancellationToken, IAsyncEnumerator<ReadOnlyMemory<byte>>> enumerate)
    {
        ArgumentNullException.ThrowIfNull(loop);
        loop.VerifyLoopThread();
        TransformStream stream = TransformStream.PassThrough(loop);

        // From a tick, inside the loop's run, so that the sequence's awaits resume on the loop.
        loop.NextTick(() => _ = PumpAsync(loop, stream, enumerate));
        return stream;
    }

    private static async Task PumpAsync(
        EventLoop loop, TransformStream stream, Func<CancellationToken, IAsyncEnumerator<ReadOnlyMemory<byte>>> enumerate)
    {
        // One listener of each for the whole run: a drain, or the close, wakes the pump while it waits for its reader.
        var cancellation = new CancellationTokenSource();
        TaskCompletionSource? waiting = null;
        Action wake = () => waiting?.TrySetResult();
        Action closed = () =>
        {
            cancellation.Cancel();
            wake();
        };
        stream.On.Drain(wake).On.Closed(closed);
        try
        {
            await using IAsyncEnumerator<ReadOnlyMemory<byte>> enumerator = enumerate(cancellation.Token);
            while (!stream.IsDestroyed && await Produce(loop, enumerator))
            {
                if (!stream.Write(enumerator.Current))
                {
                    waiting = new TaskCompletionSource();
                    await waiting.Task;
                }
            }

            if (!stream.IsDestroyed)
            {
                stream.End();
            }
        }
        catch (Exception error)
        {
            // Nothing on a stream its reader destroyed first: the sequence was told to stop, and this is how it did.
            stream.Destroy(error);
        }
        finally
        {
            stream.Off.Drain(wake).Off.Closed(closed); // 'close' comes after this, once the stream has ended
            cancellation.Dispose();
        }
    }

    /// <summary>The sequence's next chunk; the loop stays alive while it is being made.</summary>
    private static async ValueTask<bool> Produce(EventLoop loop, IAsyncEnumerator<ReadOnlyMemory<byte>> enumerator)
    {
        loop.ActiveRequests++;
        try
        {
            return await enumerator.MoveNextAsync();
        }
        finally
        {
            loop.ActiveRequests--;
        }
    }

    /// <summary>A sequence already in memory, read as the asynchronous ones are: each step completes at once.</summary>
    private sealed class SynchronousEnumerator(IEnumerator<ReadOnlyMemory<byte>> chunks) : IAsyncEnumerator<ReadOnlyMemory<byte>>
    {
        public ReadOnlyMemory<byte> Current => chunks.Current;

        public ValueTask<bool> MoveNextAsync() => new(chunks.MoveNext());

        public ValueTask DisposeAsync()
        {
            chunks.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
