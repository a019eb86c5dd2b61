using System.Text;
using Loopwire.Internal;

namespace Loopwire;

/// <summary>
/// A stream that turns what is written to it into what is read from it, as Node's <c>stream.Transform</c>: each
/// chunk written goes through a <see cref="TransformChunk"/>, one at a time and in order, which
/// <see cref="Push"/>es what it makes to the readable side; after <see cref="End"/>, an optional
/// <see cref="TransformFlush"/> pushes what is left, 'finish' says the writable side is done, 'end' follows the last
/// chunk read, then 'close'. Put one between a pipeline's ends with <see cref="StreamPipeline"/>; <see cref="Zlib"/>'s
/// streams are transform streams.
/// </summary>
/// <remarks>
/// <para>
/// Both sides have Node's backpressure, each at <see cref="HighWaterMark"/>: while the readable side holds that many
/// bytes nobody read, no chunk is transformed, so written chunks wait, and once they reach the mark
/// <see cref="Write(ReadOnlyMemory{byte})"/> returns false until 'drain'. The readable side flows as every stream
/// here does (its first 'data' listener, <see cref="Resume"/>, a pipe), and holds what is pushed until then.
/// </para>
/// <para>
/// Not a handle, as Node's is not: a transform under way on the work pool keeps the loop alive by its request, an
/// idle transform does not. A transform or flush that fails (an error to its callback, or an exception thrown) destroys
/// the stream: 'error', then 'close'; with no 'error' listener the error is thrown on the loop (E2).
/// </para>
/// </remarks>
[EventEmitter]
public sealed partial class TransformStream : IDuplexStream, IChunkKeeper, IFreshChunkSource, IWritableSideOwner, IReadableSideOwner
{
    /// <summary>Node's default <c>highWaterMark</c> for byte streams: 16 KiB.</summary>
    public const int DefaultHighWaterMark = 16384;

    private static readonly TransformFlush NothingToFlush = static (_, callback) => callback();
    private static readonly TransformChunk PushAsItIs = static (stream, chunk, callback) =>
    {
        stream.Push(chunk);
        callback();
    };
    private static readonly Action<object?> EmitFinish = static stream => ((TransformStream)stream!).OnFinished();
    private static readonly Action<object?> EmitDestroyed = static stream => ((TransformStream)stream!).OnDestroyed();

    private readonly EventLoop _loop;
    private readonly TransformChunk _transform;
    private readonly TransformFlush? _flush;
    private readonly StreamCallback _onTransformed;
    private readonly StreamCallback _onFlushed;
    private readonly WritableSide _writable;
    private readonly ReadableSide _readable;

    private StreamCallback? _transformDone; // the writable side's callback for the chunk under transform
    private StreamCallback? _heldDone; // a transformed chunk's, held until the readable side has room, as Node holds it
    private StreamCallback? _flushDone;
    private Exception? _destroyError;

    /// <summary>Makes a transform stream on <paramref name="loop"/>.</summary>
    /// <param name="loop">The loop whose thread runs the stream, its transform and its events.</param>
    /// <param name="transform">Transforms each written chunk; see <see cref="TransformChunk"/>.</param>
    /// <param name="flush">Pushes what is left after the last chunk, or null when nothing is.</param>
    /// <param name="highWaterMark">Bytes each side holds before it pushes back; Node's default is 16 KiB.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="transform"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="highWaterMark"/> is not positive.</exception>
    public TransformStream(EventLoop loop, [RunsOnLoop] TransformChunk transform, [RunsOnLoop] TransformFlush? flush = null, int highWaterMark = DefaultHighWaterMark)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(highWaterMark);
        _loop = loop;
        _transform = transform;
        _flush = flush;
        _onTransformed = OnTransformed;
        _onFlushed = OnFlushed;
        _writable = new WritableSide(loop, this, highWaterMark, "transform stream", "transform");
        _readable = new ReadableSide(loop, this, highWaterMark);
        On.NewListener(OnNewListener);
    }

    /// <summary>
    /// A transform stream that pushes each chunk as it is, as Node's <c>stream.PassThrough</c>: a readable stream to
    /// write to from code, a tap between two pipes, or a stand-in for a stream in tests.
    /// </summary>
    /// <param name="loop">The loop whose thread runs the stream.</param>
    /// <param name="highWaterMark">Bytes each side holds before it pushes back; Node's default is 16 KiB.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="highWaterMark"/> is not positive.</exception>
    public static TransformStream PassThrough(EventLoop loop, int highWaterMark = DefaultHighWaterMark) =>
        new(loop, PushAsItIs, highWaterMark: highWaterMark);

    /// <inheritdoc/>
    public EventLoop Loop => _loop;

    /// <summary>Bytes each side holds before it pushes back (Node's <c>readableHighWaterMark</c> and <c>writableHighWaterMark</c>).</summary>
    public int HighWaterMark => _writable.HighWaterMark;

    /// <summary>Bytes written and not yet transformed, including the chunk under transform (Node's <c>writableLength</c>).</summary>
    public int WritableLength => _writable.Length;

    /// <summary>Bytes pushed and not yet read (Node's <c>readableLength</c>).</summary>
    public int ReadableLength => _readable.Length;

    /// <summary>Whether <see cref="Pause"/> stopped the flow (Node's <c>isPaused()</c>).</summary>
    public bool IsPaused => _readable.IsPaused;

    /// <summary>Whether 'end' has been emitted: every pushed chunk was read (Node's <c>readableEnded</c>).</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Whether 'finish' has been emitted: every written chunk was transformed and flushed (Node's <c>writableFinished</c>).</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Whether <see cref="Write(ReadOnlyMemory{byte})"/> may still be called: not ended nor destroyed (Node's <c>writable</c>).</summary>
    public bool IsWritable => !_writable.IsEnded && !IsDestroyed;

    /// <summary>Whether the stream is done: it ended and finished, failed, or <see cref="Destroy"/> was called (Node's <c>destroyed</c>).</summary>
    public bool IsDestroyed { get; private set; }

    /// <summary>
    /// Queues a copy of <paramref name="chunk"/> for the transform, which runs at once when nothing is ahead of it and
    /// the readable side has room (Node's <c>write</c>).
    /// </summary>
    /// <param name="chunk">The bytes to transform; the caller may reuse its buffer at once.</param>
    /// <returns>
    /// Whether fewer than <see cref="HighWaterMark"/> bytes wait: false asks the caller to wait for 'drain'. Always
    /// false once the stream is destroyed; the bytes are then dropped.
    /// </returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread, or after <see cref="End"/> (Node's write after end).</exception>
    public bool Write(ReadOnlyMemory<byte> chunk) => Write(chunk, keep: false);

    /// <summary>Queues <paramref name="text"/> encoded as UTF-8, Node's default encoding.</summary>
    /// <param name="text">The text to write.</param>
    /// <returns>As <see cref="Write(ReadOnlyMemory{byte})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread, or after <see cref="End"/>.</exception>
    public bool Write(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Write(Encoding.UTF8.GetBytes(text), keep: true);
    }

    bool IChunkKeeper.WriteKept(ReadOnlyMemory<byte> chunk) => Write(chunk, keep: true);

    private bool Write(ReadOnlyMemory<byte> chunk, bool keep)
    {
        _loop.VerifyLoopThread();
        return _writable.Write(chunk, keep);
    }

    /// <summary>
    /// Ends the writable side (Node's <c>end()</c>): once every chunk is transformed, the flush runs, 'finish' is
    /// emitted, and the readable side ends after its last chunk. Calling it again, or on a destroyed stream, does
    /// nothing more.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void End()
    {
        _loop.VerifyLoopThread();
        _writable.End();
    }

    /// <summary>
    /// Adds <paramref name="chunk"/> to the readable side, as Node's <c>this.push(chunk)</c>: from the transform or the
    /// flush, or at any time before the flush is done. A flowing stream emits it as 'data' at once when nothing is
    /// ahead of it; otherwise it waits.
    /// </summary>
    /// <param name="chunk">
    /// The bytes to push, kept as they are, not copied, as Node's push keeps its Buffer: 'data' listeners may keep
    /// them, so do not change them afterwards (push a copy of a buffer you reuse). An empty chunk is not emitted.
    /// </param>
    /// <returns>Whether the readable side holds fewer than <see cref="HighWaterMark"/> bytes; false on a destroyed stream.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread, or after the flush was done (Node's push after EOF).</exception>
    public bool Push(ReadOnlyMemory<byte> chunk)
    {
        _loop.VerifyLoopThread();
        if (_readable.IsEndPushed)
        {
            throw new InvalidOperationException("push after EOF: the transform stream's flush is done, so its readable side has ended.");
        }

        if (IsDestroyed)
        {
            return false;
        }

        return _readable.Push(chunk);
    }

    /// <summary>Stops emitting 'data' (Node's <c>pause()</c>): pushed chunks wait, and once they reach the mark no chunk is transformed.</summary>
    /// <returns>This stream.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public TransformStream Pause()
    {
        _loop.VerifyLoopThread();
        _readable.Pause();
        return this;
    }

    /// <summary>
    /// Emits 'data' again (Node's <c>resume()</c>), also on a stream that had no 'data' listener yet, whose chunks are
    /// then dropped as in Node; as in Node, the waiting chunks are emitted after the current callback, not inside this call.
    /// </summary>
    /// <returns>This stream.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public TransformStream Resume()
    {
        _loop.VerifyLoopThread();
        _readable.Resume();
        return this;
    }

    /// <summary>
    /// Stops the stream now (Node's <c>destroy([error])</c>): what waits on either side is dropped, a transform under
    /// way is ignored when it calls back, and after the current callback 'error' is emitted if
    /// <paramref name="error"/> is given, then 'close'. Calling it again does nothing more.
    /// </summary>
    /// <param name="error">The error to emit, or null to close quietly.</param>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Destroy(Exception? error = null)
    {
        _loop.VerifyLoopThread();
        if (IsDestroyed)
        {
            return;
        }

        IsDestroyed = true;
        _destroyError = error;
        _writable.Clear();
        _readable.Clear();
        _loop.Defer(LoopCallback.ForTarget(EmitDestroyed, this)); // as Node's destroy: never inside the call
    }

    void IReadableStream.Pause() => Pause();

    void IReadableStream.Resume() => Resume();

    void IReadableStream.AddDataListener(Action<ReadOnlyMemory<byte>> listener) => On.Data(listener);

    void IReadableStream.RemoveDataListener(Action<ReadOnlyMemory<byte>> listener) => Off.Data(listener);

    void IReadableStream.AddEndListener(Action listener) => On.Ended(listener);

    void IReadableStream.RemoveEndListener(Action listener) => Off.Ended(listener);

    void IWritableStream.AddDrainListener(Action listener) => On.Drain(listener);

    void IWritableStream.RemoveDrainListener(Action listener) => Off.Drain(listener);

    void IWritableStream.AddFinishListener(Action listener) => On.Finish(listener);

    void IStream.AddErrorListener(Action<Exception> listener) => On.Error(listener);

    void IStream.AddCloseListener(Action listener) => On.Closed(listener);

    /// <summary>A chunk pushed by the transform or the flush, as it was pushed: the listener may keep it.</summary>
    [Event] partial void Data(ReadOnlyMemory<byte> chunk);

    /// <summary>Every pushed chunk has been read after the flush: no more 'data'.</summary>
    [Event("end")] partial void Ended();

    /// <summary>The written chunks waiting reached the mark, and have now all been transformed.</summary>
    [Event] partial void Drain();

    /// <summary>After <see cref="End"/>: every chunk was transformed and the flush is done.</summary>
    [Event] partial void Finish();

    /// <summary>A transform or flush failed, or <see cref="Destroy"/> was given an error; 'close' follows. With no listener the error is thrown on the loop (E2).</summary>
    [Event] partial void Error(Exception error);

    /// <summary>Last: after 'end' and 'finish', an error, or <see cref="Destroy"/>.</summary>
    [Event("close")] partial void Closed();

    void IWritableSideOwner.WriteChunk(byte[] chunk, StreamCallback done)
    {
        _transformDone = done;
        _transform(this, chunk, _onTransformed);
    }

    void IWritableSideOwner.WriteFinal(StreamCallback done)
    {
        _flushDone = done;
        (_flush ?? NothingToFlush)(this, _onFlushed);
    }

    void IWritableSideOwner.Destroy(Exception error) => Destroy(error);

    void IWritableSideOwner.Drained() => Drain();

    void IWritableSideOwner.Finished() => _loop.Defer(LoopCallback.ForTarget(EmitFinish, this));

    /// <summary>
    /// The transform is done with its chunk: the writable side goes on to the next, unless the readable side is at its
    /// mark, when the chunk is held, as Node's transform holds its write callback, until a reader makes room.
    /// </summary>
    private void OnTransformed(Exception? error = null)
    {
        _loop.VerifyLoopThread();
        StreamCallback done = _transformDone ?? throw new InvalidOperationException(
            "The transform called its callback twice for one chunk (Node's ERR_MULTIPLE_CALLBACK): call it once per chunk.");
        _transformDone = null;
        if (error is null && !IsDestroyed && !_readable.HasRoom && !_writable.IsEnded)
        {
            _heldDone = done;
            return;
        }

        done(error);
    }

    private void OnFlushed(Exception? error = null)
    {
        _loop.VerifyLoopThread();
        StreamCallback done = _flushDone ?? throw new InvalidOperationException(
            "The flush called its callback twice (Node's ERR_MULTIPLE_CALLBACK): call it once.");
        _flushDone = null;
        if (error is null && !IsDestroyed)
        {
            _readable.PushEnd(); // a flowing stream with nothing waiting ends now, before 'finish', as Node's does
        }

        done(error);
    }

    /// <summary>A 'data' listener is about to be added: the stream flows, from after the current callback, when it is.</summary>
    private void OnNewListener(string eventName, Delegate listener)
    {
        if (eventName == "data")
        {
            _readable.DataListenerAdded();
        }
    }

    void IReadableSideOwner.Data(ReadOnlyMemory<byte> chunk) => Data(chunk);

    void IReadableSideOwner.Ended() => OnEnded();

    /// <summary>The readable side has room: a chunk held for it is released, and the writable side goes on to the next.</summary>
    void IReadableSideOwner.Drained()
    {
        if (_heldDone is { } held)
        {
            _heldDone = null;
            held();
        }
    }

    private void OnEnded()
    {
        if (IsDestroyed)
        {
            return;
        }

        IsEnded = true;
        try
        {
            Ended();
        }
        finally
        {
            DestroyWhenDone();
        }
    }

    private void OnFinished()
    {
        if (IsDestroyed)
        {
            return;
        }

        IsFinished = true;
        try
        {
            Finish();
        }
        finally
        {
            DestroyWhenDone();
        }
    }

    /// <summary>Closes the stream once both sides are done, as Node's <c>autoDestroy</c>.</summary>
    private void DestroyWhenDone()
    {
        if (IsEnded && IsFinished)
        {
            Destroy();
        }
    }

    private void OnDestroyed() => DestroyEvents.Emit(_destroyError, Error, Closed);
}
