namespace Loopwire;

/// <summary>
/// Node's <c>stream.pipeline(source, ...transforms, destination, callback)</c>: <see cref="StreamPipe.Pipe"/> from
/// each stream to the next, with the errors handled. An error in any stream, or one closing early, destroys every
/// stream not yet done with that error; the callback (or the task) learns once, after every stream is done, how the
/// whole ended.
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
    public static void Run(IReadableStream source, IWritableStream destination, [RunsOnLoop] Action<Exception?> callback) =>
        Run(source, [], destination, callback);

    /// <summary>
    /// Pipes <paramref name="source"/> through each of <paramref name="transforms"/> in turn into
    /// <paramref name="destination"/>, as <see cref="Run(IReadableStream, IWritableStream, Action{Exception})"/>
    /// does between two streams: every transform, both its sides, must be done too before <paramref name="callback"/>
    /// runs, and an error in one destroys them all.
    /// </summary>
    /// <param name="source">The stream to read.</param>
    /// <param name="transforms">The streams between, in order: a <see cref="TransformStream"/>, a <see cref="Zlib"/> stream, a socket.</param>
    /// <param name="destination">The stream to write.</param>
    /// <param name="callback">Runs on the loop thread, once.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A transform is null, or the streams belong to different loops.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static void Run(IReadableStream source, IReadOnlyList<IDuplexStream> transforms, IWritableStream destination, [RunsOnLoop] Action<Exception?> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Start(source, transforms, destination, callback);
    }

    /// <summary>
    /// <see cref="Run(IReadableStream, IWritableStream, Action{Exception})"/> as a task, as Node's
    /// <c>stream/promises</c> pipeline: it completes once the source has ended and the destination has finished,
    /// faults with the first error, and is cancelled when <paramref name="cancellationToken"/> is, after both streams
    /// were destroyed.
    /// </summary>
    /// <param name="source">The stream to read.</param>
    /// <param name="destination">The stream to write.</param>
    /// <param name="cancellationToken">Destroys both streams and cancels the task; may be cancelled from any thread.</param>
    /// <returns>A task that completes on the loop thread once both streams are done.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The streams belong to different loops.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static Task RunAsync(IReadableStream source, IWritableStream destination, CancellationToken cancellationToken = default) =>
        RunAsync(source, [], destination, cancellationToken);

    /// <summary>
    /// <see cref="Run(IReadableStream, IReadOnlyList{IDuplexStream}, IWritableStream, Action{Exception})"/> as a task:
    /// it completes once every stream is done, faults with the first error, and is cancelled when
    /// <paramref name="cancellationToken"/> is, after every stream was destroyed.
    /// </summary>
    /// <param name="source">The stream to read.</param>
    /// <param name="transforms">The streams between, in order.</param>
    /// <param name="destination">The stream to write.</param>
    /// <param name="cancellationToken">Destroys every stream and cancels the task; may be cancelled from any thread.</param>
    /// <returns>A task that completes on the loop thread once every stream is done.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A transform is null, or the streams belong to different loops.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static Task RunAsync(IReadableStream source, IReadOnlyList<IDuplexStream> transforms, IWritableStream destination, CancellationToken cancellationToken = default)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new OperationCanceledException(cancellationToken);
        CancellationTokenRegistration registration = default;
        Pipeline pipeline = Start(source, transforms, destination, error =>
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

    private static Pipeline Start(IReadableStream source, IReadOnlyList<IDuplexStream> transforms, IWritableStream destination, Action<Exception?> callback)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(transforms);
        ArgumentNullException.ThrowIfNull(destination);
        source.Loop.VerifyLoopThread();
        var streams = new IStream[transforms.Count + 2];
        streams[0] = source;
        for (int i = 0; i < transforms.Count; i++)
        {
            streams[i + 1] = transforms[i] ?? throw new ArgumentException(
                $"Transform {i} is null: pass the streams to put between the source and the destination.", nameof(transforms));
        }

        streams[^1] = destination;
        foreach (IStream stream in streams)
        {
            if (stream.Loop != source.Loop)
            {
                throw new ArgumentException(
                    "A stream belongs to another loop than the source: a pipeline joins streams of one loop.",
                    stream == destination ? nameof(destination) : nameof(transforms));
            }
        }

        var pipeline = new Pipeline(streams, callback);
        pipeline.Start();
        return pipeline;
    }

    /// <summary>
    /// One pipeline's state: each side of each stream (the source's readable side, the destination's writable side,
    /// both sides of a stream between) reports once how it ended; the callback runs after all have.
    /// </summary>
    private sealed class Pipeline(IStream[] streams, Action<Exception?> callback)
    {
        private readonly int[] _sidesLeft = new int[streams.Length]; // per stream: its sides not yet done without an error
        private Action<Exception?>? _callback = callback;
        private int _unfinished;
        private bool _destroyed;
        private Exception? _error;

        public void Start()
        {
            for (int i = 0; i < streams.Length; i++)
            {
                int index = i;
                if (i < streams.Length - 1)
                {
                    Watch(index, StreamFinished.WhenEnded, (IReadableStream)streams[i]);
                }

                if (i > 0)
                {
                    Watch(index, StreamFinished.WhenFinished, (IWritableStream)streams[i]);
                }
            }

            for (int i = 0; i < streams.Length - 1; i++)
            {
                ((IReadableStream)streams[i]).Pipe((IWritableStream)streams[i + 1]);
            }
        }

        /// <summary>Ends the pipeline from outside, as an error in a stream would: every stream is destroyed with <paramref name="error"/>.</summary>
        public void Abort(Exception error)
        {
            if (_callback is not null)
            {
                Fail(error);
            }
        }

        private void Watch<TStream>(int index, Action<TStream, Action<Exception?>> whenDone, TStream side)
        {
            _sidesLeft[index]++;
            _unfinished++;
            whenDone(side, error => Report(index, error));
        }

        private void Report(int index, Exception? error)
        {
            _unfinished--;
            if (error is null)
            {
                _sidesLeft[index]--;
            }
            else
            {
                Fail(error);
            }

            if (_unfinished == 0 && _callback is { } done)
            {
                // After the current callback, as Node's: a stream that reported an error has emitted its 'close' by then.
                _callback = null;
                Exception? outcome = _error;
                streams[0].Loop.NextTick(() => done(outcome));
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
            for (int i = 0; i < streams.Length; i++)
            {
                if (_sidesLeft[i] > 0)
                {
                    streams[i].Destroy(error);
                }
            }
        }
    }
}
