using System.Text;
using Loopwire.Internal;

namespace Loopwire.Processes;

/// <summary>
/// A child's stdin, piped from this process: the part of Node's <c>stream.Writable</c> that <c>subprocess.stdin</c>
/// is used for. Writes are queued on the loop and written in order, one at a time (on the epoll backend on the loop
/// thread when the pipe has room, else off the loop; see <see cref="IPipeIo"/>); <see cref="Write(ReadOnlyMemory{byte})"/>
/// returns false once <see cref="HighWaterMark"/> bytes are queued, and 'drain' says when the queue has emptied.
/// <see cref="End"/> closes the pipe after the queued writes, so the child reads end-of-file; 'finish' and 'close'
/// follow.
/// </summary>
/// <remarks>
/// As Node does, the child's exit destroys its stdin: queued bytes are dropped, later writes return false and are
/// dropped too, and 'close' is emitted. A write that fails (EPIPE, when the child closed its stdin first) destroys
/// the stream with that error: 'error', which with no listener is thrown on the loop (E2), as in Node, then 'close'.
/// </remarks>
[EventEmitter]
public sealed partial class ProcessWritable : IWritableStream, IChunkKeeper
{
    /// <summary>Queued bytes at which <see cref="Write(ReadOnlyMemory{byte})"/> starts returning false: Node's default <c>writableHighWaterMark</c>.</summary>
    public const int HighWaterMark = 16384;

    private static readonly Action<object?> EmitFinish = static writable => ((ProcessWritable)writable!).OnFinished();
    private static readonly Action<object?> EmitDestroyed = static writable => ((ProcessWritable)writable!).OnDestroyed();

    private readonly ChildProcess _owner;
    private readonly IPipeIo _pipe;
    private readonly WriteBacklog _backlog = new(HighWaterMark);
    private bool _writing; // a write is under way

    private bool _closed; // the pipe: closed after the last write, or by Destroy
    private Exception? _destroyError;

    internal ProcessWritable(ChildProcess owner, Stream stream)
    {
        _owner = owner;
        _pipe = IPipeIo.Create(owner.Loop, stream, OnWritten);
    }

    /// <summary>Bytes queued and not yet written (Node's <c>writableLength</c>).</summary>
    public int WritableLength => _backlog.Length;

    /// <inheritdoc/>
    public EventLoop Loop => _owner.Loop;

    /// <summary>Whether <see cref="End"/> has been called (Node's <c>writableEnded</c>).</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Whether 'finish' has been emitted: every byte was written and the pipe closed (Node's <c>writableFinished</c>).</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Whether the stream is done: it finished, or was destroyed by <see cref="Destroy"/>, a failed write, the child's exit, or the <see cref="ChildProcess"/> closing (Node's <c>destroyed</c>).</summary>
    public bool IsDestroyed { get; private set; }

    /// <summary>
    /// Queues a copy of <paramref name="chunk"/> for the child (so the caller may reuse its buffer at once).
    /// </summary>
    /// <param name="chunk">The bytes to write.</param>
    /// <returns>
    /// Whether fewer than <see cref="HighWaterMark"/> bytes are queued: false asks the caller to wait for 'drain'.
    /// Always false once the stream is destroyed; the bytes are then dropped.
    /// </returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread, or after <see cref="End"/> (Node's write after end).</exception>
    public bool Write(ReadOnlyMemory<byte> chunk) => Write(chunk, keep: false);

    bool IChunkKeeper.WriteKept(ReadOnlyMemory<byte> chunk) => Write(chunk, keep: true);

    private bool Write(ReadOnlyMemory<byte> chunk, bool keep)
    {
        _owner.Loop.VerifyLoopThread();
        if (IsEnded)
        {
            throw new InvalidOperationException("write after end: End() was called on this stdin, so nothing more can be written to it.");
        }

        if (IsDestroyed)
        {
            return false;
        }

        bool belowMark = _backlog.Accept(chunk, keep);
        Pump();
        return belowMark;
    }

    /// <summary>Queues <paramref name="text"/> encoded as UTF-8, Node's default encoding.</summary>
    /// <param name="text">The text to write.</param>
    /// <returns>As <see cref="Write(ReadOnlyMemory{byte})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread, or after <see cref="End"/>.</exception>
    public bool Write(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Closes the pipe once the queued bytes are written, so the child reads end-of-file; 'finish' follows. Calling
    /// it again, or on a destroyed stream, does nothing more.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void End()
    {
        _owner.Loop.VerifyLoopThread();
        if (!IsEnded)
        {
            IsEnded = true;
            Pump();
        }
    }

    /// <inheritdoc/>
    public bool IsWritable => !IsEnded && !IsDestroyed;

    void IWritableStream.AddDrainListener(Action listener) => On.Drain(listener);

    void IWritableStream.RemoveDrainListener(Action listener) => Off.Drain(listener);

    void IWritableStream.AddFinishListener(Action listener) => On.Finish(listener);

    void IStream.AddErrorListener(Action<Exception> listener) => On.Error(listener);

    void IStream.AddCloseListener(Action listener) => On.Closed(listener);

    /// <summary>Every queued byte has been written (after a write that returned false).</summary>
    [Event] partial void Drain();

    /// <summary>After <see cref="End"/>: every byte has been written and the pipe closed.</summary>
    [Event] partial void Finish();

    /// <summary>A write failed, or <see cref="Destroy"/> was given an error. With no listener the error is thrown on the loop (E2).</summary>
    [Event] partial void Error(Exception error);

    /// <summary>Last: the pipe is closed, after 'finish', 'error' or <see cref="Destroy"/>.</summary>
    [Event("close")] partial void Closed();

    /// <summary>
    /// Closes the pipe now and drops what is queued (Node's <c>destroy([error])</c>); after the current callback
    /// 'error' is emitted if <paramref name="error"/> is given, then 'close'. A write under way is dropped. Calling it again, or after 'finish', does nothing more.
    /// </summary>
    /// <param name="error">The error to emit, or null to close quietly.</param>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Destroy(Exception? error = null)
    {
        _owner.Loop.VerifyLoopThread();
        if (IsDestroyed || IsFinished)
        {
            return;
        }

        IsDestroyed = true;
        _destroyError = error;
        _backlog.Clear();
        if (!_closed)
        {
            _closed = true;
            _pipe.Close();
        }

        _owner.Loop.Defer(LoopCallback.ForTarget(EmitDestroyed, this)); // as Node's destroy: never inside the call
    }

    /// <summary>Starts the next write, or closes the pipe once ended and empty; one operation at a time keeps them in order.</summary>
    private void Pump()
    {
        if (_writing || _closed)
        {
            return;
        }

        if (_backlog.TryTake(out byte[]? chunk))
        {
            _writing = true;
            _pipe.Write(chunk);
        }
        else if (IsEnded)
        {
            // Closing a pipe does not block (nothing is buffered on this side); 'finish' is emitted later, as in Node.
            _closed = true;
            _pipe.Close();
            _owner.Loop.Defer(LoopCallback.ForTarget(EmitFinish, this));
        }
    }

    /// <summary>The write under way completed: all of it written, or <paramref name="error"/>.</summary>
    private void OnWritten(int count, Exception? error)
    {
        _writing = false;
        _owner.EmitSpawnIfPending();
        if (error is not null)
        {
            Destroy(error);
            return;
        }

        bool drained = _backlog.Written(count);
        Pump();
        if (drained)
        {
            Drain();
        }
    }

    private void OnFinished()
    {
        if (IsDestroyed)
        {
            return; // destroyed after the pipe closed: 'close' is on its way, 'finish' is not
        }

        IsFinished = true;
        IsDestroyed = true;
        try
        {
            Finish();
        }
        finally
        {
            Closed();
        }
    }

    private void OnDestroyed() => DestroyEvents.Emit(_destroyError, Error, Closed);
}
