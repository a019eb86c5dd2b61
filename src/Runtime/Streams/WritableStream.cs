using System.Text;
using Loopwire.Internal;

namespace Loopwire;

/// <summary>
/// A writable stream whose bytes go wherever its code sends them, as Node's <c>new stream.Writable({ write, final })</c>:
/// each chunk written goes to a <see cref="WriteChunk"/>, one at a time and in order; after <see cref="End"/>, an
/// optional <see cref="WriteFinal"/> runs, then 'finish', then 'close'. A pipeline's destination of your own: a sink
/// that counts, a store, an API.
/// </summary>
/// <remarks>
/// Node's backpressure: chunks wait while the write code has one, and once <see cref="HighWaterMark"/> bytes wait
/// <see cref="Write(ReadOnlyMemory{byte})"/> returns false until 'drain'. Not a handle, as Node's is not: a write under
/// way on the work pool keeps the loop alive by its request, an idle stream does not. Write or final code that fails
/// (an error to its callback, or an exception thrown) destroys the stream: 'error', then 'close'; with no 'error'
/// listener the error is thrown on the loop (E2).
/// </remarks>
[EventEmitter]
public sealed partial class WritableStream : IWritableStream, IChunkKeeper, IWritableSideOwner
{
    private static readonly WriteFinal NothingToFinish = static (_, callback) => callback();
    private static readonly Action<object?> EmitFinish = static stream => ((WritableStream)stream!).OnFinished();
    private static readonly Action<object?> EmitDestroyed = static stream => ((WritableStream)stream!).OnDestroyed();

    private readonly EventLoop _loop;
    private readonly WriteChunk _write;
    private readonly WriteFinal _final;
    private readonly WritableSide _writable;
    private Exception? _destroyError;

    /// <summary>Makes a writable stream on <paramref name="loop"/>.</summary>
    /// <param name="loop">The loop whose thread runs the stream, its code and its events.</param>
    /// <param name="write">Writes each chunk; see <see cref="WriteChunk"/>.</param>
    /// <param name="final">Runs after the last chunk, before 'finish', or null when nothing need be done then.</param>
    /// <param name="highWaterMark">Bytes that may wait before <see cref="Write(ReadOnlyMemory{byte})"/> returns false; Node's default is 16 KiB.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="write"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="highWaterMark"/> is not positive.</exception>
    public WritableStream(EventLoop loop, [RunsOnLoop] WriteChunk write, [RunsOnLoop] WriteFinal? final = null, int highWaterMark = TransformStream.DefaultHighWaterMark)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(highWaterMark);
        _loop = loop;
        _write = write;
        _final = final ?? NothingToFinish;
        _writable = new WritableSide(loop, this, highWaterMark, "writable stream", "write");
    }

    /// <inheritdoc/>
    public EventLoop Loop => _loop;

    /// <summary>Bytes that may wait before <see cref="Write(ReadOnlyMemory{byte})"/> returns false (Node's <c>writableHighWaterMark</c>).</summary>
    public int HighWaterMark => _writable.HighWaterMark;

    /// <summary>Bytes written and not yet done, including the chunk the write code has (Node's <c>writableLength</c>).</summary>
    public int WritableLength => _writable.Length;

    /// <summary>Whether 'finish' has been emitted: every chunk was written and the final code is done (Node's <c>writableFinished</c>).</summary>
    public bool IsFinished { get; private set; }

    /// <inheritdoc/>
    public bool IsWritable => !_writable.IsEnded && !IsDestroyed;

    /// <summary>Whether the stream is done: it finished, failed, or <see cref="Destroy"/> was called (Node's <c>destroyed</c>).</summary>
    public bool IsDestroyed { get; private set; }

    /// <summary>Queues a copy of <paramref name="chunk"/> for the write code, which gets it at once when nothing is ahead of it (Node's <c>write</c>).</summary>
    /// <param name="chunk">The bytes to write; the caller may reuse its buffer at once.</param>
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

    /// <summary>
    /// Ends the stream (Node's <c>end()</c>): once every chunk is written the final code runs, then 'finish' and
    /// 'close'. Calling it again, or on a destroyed stream, does nothing more.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void End()
    {
        _loop.VerifyLoopThread();
        _writable.End();
    }

    /// <summary>
    /// Stops the stream now (Node's <c>destroy([error])</c>): what waits is dropped, a write under way is ignored when
    /// it calls back, and after the current callback 'error' is emitted if <paramref name="error"/> is given, then
    /// 'close'. Calling it again does nothing more.
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
        _loop.Defer(LoopCallback.ForTarget(EmitDestroyed, this)); // as Node's destroy: never inside the call
    }

    void IWritableStream.AddDrainListener(Action listener) => On.Drain(listener);

    void IWritableStream.RemoveDrainListener(Action listener) => Off.Drain(listener);

    void IWritableStream.AddFinishListener(Action listener) => On.Finish(listener);

    void IStream.AddErrorListener(Action<Exception> listener) => On.Error(listener);

    void IStream.AddCloseListener(Action listener) => On.Closed(listener);

    void IWritableSideOwner.WriteChunk(byte[] chunk, StreamCallback done) => _write(this, chunk, done);

    void IWritableSideOwner.WriteFinal(StreamCallback done) => _final(this, done);

    void IWritableSideOwner.Destroy(Exception error) => Destroy(error);

    void IWritableSideOwner.Drained() => Drain();

    void IWritableSideOwner.Finished() => _loop.Defer(LoopCallback.ForTarget(EmitFinish, this)); // as Node's: never inside End

    /// <summary>The chunks that reached the mark have all been written.</summary>
    [Event] partial void Drain();

    /// <summary>After <see cref="End"/>: every chunk was written and the final code is done; 'close' follows.</summary>
    [Event] partial void Finish();

    /// <summary>Write or final code failed, or <see cref="Destroy"/> was given an error; 'close' follows. With no listener the error is thrown on the loop (E2).</summary>
    [Event] partial void Error(Exception error);

    /// <summary>Last: after 'finish', an error, or <see cref="Destroy"/>.</summary>
    [Event("close")] partial void Closed();

    private bool Write(ReadOnlyMemory<byte> chunk, bool keep)
    {
        _loop.VerifyLoopThread();
        return _writable.Write(chunk, keep);
    }

    /// <summary>Emits 'finish', then closes the stream (Node's <c>autoDestroy</c>); 'close' follows.</summary>
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
            Destroy();
        }
    }

    private void OnDestroyed() => DestroyEvents.Emit(_destroyError, Error, Closed);
}
