namespace Loopwire;

/// <summary>Node's <c>stream.finished</c>: learns once how a stream ended, without consuming or ending it.</summary>
public static class StreamCompletion
{
    /// <summary>
    /// Calls <paramref name="callback"/> once <paramref name="stream"/> is done, as Node's
    /// <c>stream.finished(stream, callback)</c>: with null after a readable's <c>end</c>, a writable's <c>finish</c>, or
    /// both for a stream that is both; otherwise with the stream's error, or a <see cref="PrematureCloseException"/>
    /// when it closed before. A stream already done is answered after the current callback. Listening for
    /// <c>error</c>, it keeps the stream's errors from being thrown on the loop (E2), as Node's does.
    /// </summary>
    /// <param name="stream">A readable, writable or duplex stream.</param>
    /// <param name="callback">Runs on the loop thread, once.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is neither readable nor writable.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static void Finished(this IStream stream, [RunsOnLoop] Action<Exception?> callback)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(callback);
        stream.Loop.VerifyLoopThread();
        var readable = stream as IReadableStream;
        var writable = stream as IWritableStream;
        if (readable is null && writable is null)
        {
            throw new ArgumentException("The stream is neither an IReadableStream nor an IWritableStream: nothing says when it is done.", nameof(stream));
        }

        // One answer: the first error, or null once every side there is has ended well.
        int sides = (readable is null ? 0 : 1) + (writable is null ? 0 : 1);
        Action<Exception?> report = error =>
        {
            if (sides > 0 && (error is not null || --sides == 0))
            {
                sides = 0;
                callback(error);
            }
        };
        if (readable is not null)
        {
            StreamFinished.WhenEnded(readable, report);
        }

        if (writable is not null)
        {
            StreamFinished.WhenFinished(writable, report);
        }
    }

    /// <summary>
    /// <see cref="Finished"/> as a task, as Node's <c>stream/promises</c> <c>finished(stream)</c>: it completes once the
    /// stream is done, faults with its error (or a <see cref="PrematureCloseException"/>), and is cancelled when
    /// <paramref name="cancellationToken"/> is, leaving the stream as it is.
    /// </summary>
    /// <param name="stream">A readable, writable or duplex stream.</param>
    /// <param name="cancellationToken">Stops the wait, from any thread; the stream is not destroyed.</param>
    /// <returns>A task that completes on the loop thread.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is neither readable nor writable.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static Task FinishedAsync(this IStream stream, CancellationToken cancellationToken = default)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationTokenRegistration registration = default;
        stream.Finished(error =>
        {
            registration.Dispose();
            if (error is null)
            {
                completion.TrySetResult();
            }
            else
            {
                completion.TrySetException(error);
            }
        });

        if (cancellationToken.CanBeCanceled)
        {
            registration = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        }

        return completion.Task;
    }
}
