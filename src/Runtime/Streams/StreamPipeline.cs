namespace Loopwire;

/// <summary>
/// Node's <c>stream.pipeline(source, destination, callback)</c>: <see cref="StreamPipe.Pipe"/> with the errors
/// handled. An error in either stream, or either closing early, destroys both with that error; the callback (or the
/// task) learns once, after both streams are done, how the whole ended.
/// </summary>
public static class StreamPipeline
{
    /// <summary>
    /// Pipes <paramref name="source"/> into <paramref name="destination"/> with backpressure, as
    /// <see cref="StreamPipe.Pipe"/>, and calls <paramref name="callback"/> once both are done: with null once the
    /// source has ended and the destination has finished; otherwise with the first error (a
    /// <see cref="PrematureCloseException"/> when a stream was destroyed without one), after both streams were
    /// destroyed with it. The pipeline listens for <c>error</c> on both streams, so their errors are not thrown on the
    /// loop (E2).
    /// </summary>
    /// <param name="source">The stream to read: a socket, a file read stream, a child's stdout or stderr.</param>
    /// <param name="destination">The stream to write: a socket, a file write stream, a child's stdin.</param>
    /// <param name="callback">Runs on the loop thread, once.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The streams belong to different loops.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static void Run(IReadableStream source, IWritableStream destination, [RunsOnLoop] Action<Exception?> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Start(source, destination, callback);
    }

    /// <summary>
    /// <see cref="Run"/> as a task, as Node's <c>stream/promises</c> pipeline: it completes once the source has ended
    /// and the destination has finished, faults with the first error, and is cancelled when
    /// <paramref name="cancellationToken"/> is, after both streams were destroyed.
    /// </summary>
    /// <param name="source">The stream to read.</param>
    /// <param name="destination">The stream to write.</param>
    /// <param name="cancellationToken">Destroys both streams and cancels the task; may be cancelled from any thread.</param>
    /// <returns>A task that completes on the loop thread once both streams are done.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The streams belong to different loops.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static Task RunAsync(IReadableStream source, IWritableStream destination, CancellationToken cancellationToken = default)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new OperationCanceledException(cancellationToken);
        CancellationTokenRegistration registration = default;
        Pipeline pipeline = Start(source, destination, error =>
        {
            registration.Dispose();
            if (error is null)
            {
                completion.SetResult();
            }
            else if (ReferenceEquals(error, cancelled))
            {
                completion.SetCanceled(cancellationToken);
            }
            else
            {
                completion.SetException(error);
            }
        });

        if (cancellationToken.CanBeCanceled)
        {
            registration = cancellationToken.Register(() => source.Loop.Post(() => pipeline.Abort(cancelled)));
        }

        return completion.Task;
    }

    private static Pipeline Start(IReadableStream source, IWritableStream destination, Action<Exception?> callback)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        source.Loop.VerifyLoopThread();
        if (source.Loop != destination.Loop)
        {
            throw new ArgumentException(
                "The destination belongs to another loop than the source: a pipeline joins streams of one loop.", nameof(destination));
        }

        var pipeline = new Pipeline(source, destination, callback);
        pipeline.Start();
        return pipeline;
    }

    /// <summary>One pipeline's state: each stream reports once how it ended; the callback runs after both have.</summary>
    private sealed class Pipeline(IReadableStream source, IWritableStream destination, Action<Exception?> callback)
    {
        private Action<Exception?>? _callback = callback;
        private int _unfinished = 2;
        private bool _sourceEnded;
        private bool _destinationFinished;
        private bool _destroyed;
        private Exception? _error;

        public void Start()
        {
            StreamFinished.WhenEnded(source, error =>
            {
                _sourceEnded = error is null;
                Report(error);
            });
            StreamFinished.WhenFinished(destination, error =>
            {
                _destinationFinished = error is null;
                Report(error);
            });
            source.Pipe(destination);
        }

        /// <summary>Ends the pipeline from outside, as an error in a stream would: both streams are destroyed with <paramref name="error"/>.</summary>
        public void Abort(Exception error)
        {
            if (_callback is not null)
            {
                Fail(error);
            }
        }

        private void Report(Exception? error)
        {
            _unfinished--;
            if (error is not null)
            {
                Fail(error);
            }

            if (_unfinished == 0 && _callback is { } done)
            {
                // After the current callback, as Node's: a stream that reported an error has emitted its 'close' by then.
                _callback = null;
                Exception? outcome = _error;
                source.Loop.NextTick(() => done(outcome));
            }
        }

        private void Fail(Exception error)
        {
            // As Node: the first error wins, but a real one replaces a premature close that it caused.
            if (_error is null || (_error is PrematureCloseException && error is not PrematureCloseException))
            {
                _error = error;
            }

            if (_destroyed)
            {
                return;
            }

            _destroyed = true;
            if (!_sourceEnded)
            {
                source.Destroy(error);
            }

            if (!_destinationFinished)
            {
                destination.Destroy(error);
            }
        }
    }
}
