using Loopwire.Internal;

namespace Loopwire.Processes;

/// <summary>
/// A child's stdout or stderr, piped to this process, or this process's stdin (<see cref="EventLoop.Stdin"/>): the
/// part of Node's <c>stream.Readable</c> that <c>subprocess.stdout</c> and <c>process.stdin</c> are used for. Once it
/// flows (its first 'data' listener, or <see cref="Resume"/>), each read's bytes are emitted as 'data' on the loop
/// thread, in order, then 'end' once the writer (the child, and whoever shares the pipe) has closed it, then 'close'.
/// <see cref="Pause"/> stops reading, so a writer that writes more blocks once the pipe is full; <see cref="Resume"/>
/// reads on.
/// </summary>
/// <remarks>
/// Reads are made one at a time, 64 KiB at most, as libuv reads a pipe, and the next starts after a read's bytes are
/// emitted: on the epoll backend on the loop thread when the pipe is ready, several per readiness while each fills
/// the buffer; on the portable backend, and for stdin, off the loop, each result posted to it (see
/// <see cref="IPipeIo"/>). A child's output is read from the start: before the stream flows, the first read's bytes
/// wait and no further read is made, so none are lost, as in Node; a child that writes more then blocks once the pipe
/// is full. Once the child has exited, a stream that still does not flow starts to, and is read to its end with its
/// bytes dropped, so that the child's 'close' can follow, as Node's <c>flushStdio</c> does. Stdin is read only once
/// it flows, as Node's <c>process.stdin</c>.
/// </remarks>
[EventEmitter]
public sealed partial class ProcessReadable : IReadableStream, IFreshChunkSource
{
    private const int ReadSize = 65536;

    private static readonly Action<object?> FlowAfterResume = static readable => ((ProcessReadable)readable!).Flow();
    private static readonly Action<object?> EmitDestroyed = static readable => ((ProcessReadable)readable!).OnDestroyed();

    private readonly IPipeOwner _owner;
    private readonly IPipeIo _pipe;
    private readonly byte[] _buffer = new byte[ReadSize];

    // The last read's outcome, held until it is emitted.
    private int _count;
    private Exception? _error;

    private bool _reading;
    private bool _held;
    private bool _done; // ended, failed or destroyed: no more reads
    private bool _flowing; // a 'data' listener was added, Resume called or the child exited: chunks are emitted (Node's readableFlowing)
    private bool _eager; // reads before it flows, holding the first read (a child's output); else only once it flows (stdin)
    private bool _wantsData;
    private Exception? _destroyError;

    internal ProcessReadable(IPipeOwner owner, Stream stream)
    {
        _owner = owner;
        _pipe = IPipeIo.Create(owner.Loop, stream, OnRead);
        On.NewListener(OnNewListener);
    }

    /// <inheritdoc/>
    public EventLoop Loop => _owner.Loop;

    /// <summary>Whether <see cref="Pause"/> stopped the flow (Node's <c>isPaused()</c>).</summary>
    public bool IsPaused { get; private set; }

    /// <summary>Whether 'end' has been emitted (Node's <c>readableEnded</c>).</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Whether the stream is done: it ended or failed, <see cref="Destroy"/> was called, or the <see cref="ChildProcess"/> closed (Node's <c>destroyed</c>).</summary>
    public bool IsDestroyed { get; private set; }

    /// <summary>
    /// Stops emitting 'data' and stops reading (Node's <c>pause()</c>): a read already under way completes, and its
    /// bytes wait for <see cref="Resume"/>.
    /// </summary>
    /// <returns>This stream.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ProcessReadable Pause()
    {
        _owner.Loop.VerifyLoopThread();
        IsPaused = true;
        UpdateWantsData();
        return this;
    }

    /// <summary>
    /// Emits 'data' again and reads on (Node's <c>resume()</c>), also on a stream that had no 'data' listener yet, whose
    /// bytes are then dropped as in Node; as in Node, bytes held meanwhile are emitted after the current callback, not
    /// inside this call.
    /// </summary>
    /// <returns>This stream.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ProcessReadable Resume()
    {
        _owner.Loop.VerifyLoopThread();
        if (IsPaused || !_flowing)
        {
            IsPaused = false;
            _flowing = true;
            UpdateWantsData();
            _owner.Loop.Defer(LoopCallback.ForTarget(FlowAfterResume, this));
        }

        return this;
    }

    void IReadableStream.Pause() => Pause();

    void IReadableStream.Resume() => Resume();

    void IReadableStream.AddDataListener(Action<ReadOnlyMemory<byte>> listener) => On.Data(listener);

    void IReadableStream.RemoveDataListener(Action<ReadOnlyMemory<byte>> listener) => Off.Data(listener);

    void IReadableStream.AddEndListener(Action listener) => On.End(listener);

    void IReadableStream.RemoveEndListener(Action listener) => Off.End(listener);

    void IStream.AddErrorListener(Action<Exception> listener) => On.Error(listener);

    void IStream.AddCloseListener(Action listener) => On.Closed(listener);

    /// <summary>A chunk of the child's output: the bytes of one read, in a new array the listener may keep.</summary>
    [Event] partial void Data(ReadOnlyMemory<byte> chunk);

    /// <summary>The pipe reached end-of-file: no more 'data'.</summary>
    [Event] partial void End();

    /// <summary>A read failed; the stream is done, without 'end'. With no listener the error is thrown on the loop (E2).</summary>
    [Event] partial void Error(Exception error);

    /// <summary>Last: the pipe is closed, after 'end', 'error' or <see cref="Destroy"/>.</summary>
    [Event("close")] partial void Closed();

    /// <summary>Starts the first read before the stream flows, its bytes held until it does; called once the child is spawned.</summary>
    internal void Start()
    {
        _eager = true;
        Flow();
    }

    /// <summary>
    /// Closes the pipe now (Node's <c>destroy([error])</c>): no more 'data' or 'end'; after the current callback
    /// 'error' is emitted if <paramref name="error"/> is given, then 'close'. A read under way is dropped. Calling it
    /// again, or after the stream ended or failed, does nothing more.
    /// </summary>
    /// <param name="error">The error to emit, or null to close quietly.</param>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Destroy(Exception? error = null)
    {
        _owner.Loop.VerifyLoopThread();
        if (_done)
        {
            return;
        }

        _done = true;
        _held = false;
        IsDestroyed = true;
        UpdateWantsData();
        _destroyError = error;
        _pipe.Close();
        _owner.Loop.Defer(LoopCallback.ForTarget(EmitDestroyed, this)); // as Node's destroy: never inside the call
    }

    /// <summary>Delivers a held read result, or starts the next read, unless paused, done or already reading.</summary>
    private void Flow()
    {
        if (_done || IsPaused || _reading)
        {
            return;
        }

        if (_held)
        {
            if (_count > 0 && _error is null && !_flowing)
            {
                return; // nothing reads the stream yet: the bytes wait for a 'data' listener or Resume
            }

            _held = false;
            Deliver();
        }
        else if (_flowing || _eager)
        {
            _reading = true;
            _pipe.Read(_buffer);
        }
    }

    /// <summary>
    /// The child exited: a stream nothing reads starts flowing, so it is read to its end (its bytes dropped) and the
    /// child's 'close' can follow, as Node's <c>flushStdio</c> resumes it. A stream paused by <see cref="Pause"/> stays paused.
    /// </summary>
    internal void FlowAfterExit()
    {
        if (!_flowing)
        {
            _flowing = true;
            UpdateWantsData();
            Flow();
        }
    }

    /// <summary>A 'data' listener is about to be added: the stream flows, from after the current callback, when it is.</summary>
    private void OnNewListener(string eventName, Delegate listener)
    {
        if (eventName == "data" && !_flowing)
        {
            _flowing = true;
            UpdateWantsData();
            _owner.Loop.Defer(LoopCallback.ForTarget(FlowAfterResume, this));
        }
    }

    /// <summary>A read completed: <paramref name="count"/> bytes into the buffer, none at the end, or <paramref name="error"/>.</summary>
    private void OnRead(int count, Exception? error)
    {
        _reading = false;
        (_count, _error) = (count, error);
        _owner.OnPipeRead();
        _held = true;
        Flow(); // delivers it now, or holds it while paused
    }

    private void Deliver()
    {
        if (_count > 0 && _error is null)
        {
            byte[] chunk = _buffer.AsSpan(0, _count).ToArray(); // the buffer is reused by the next read
            try
            {
                Data(chunk);
            }
            finally
            {
                Flow();
            }

            return;
        }

        // State first, events after: a listener that throws leaves the stream and the child consistent.
        _done = true;
        IsDestroyed = true;
        UpdateWantsData();
        _pipe.Close();
        try
        {
            if (_error is Exception error)
            {
                Error(error);
            }
            else
            {
                IsEnded = true;
                End();
            }
        }
        finally
        {
            EmitClose();
        }
    }

    /// <summary>Tells the owner when the stream starts or stops wanting data: while it does, this process's stdin keeps the loop alive.</summary>
    private void UpdateWantsData()
    {
        bool wants = _flowing && !IsPaused && !_done;
        if (wants != _wantsData)
        {
            _wantsData = wants;
            _owner.OnWantsData(wants);
        }
    }

    private void OnDestroyed() => DestroyEvents.Emit(_destroyError, Error, EmitClose);

    private void EmitClose()
    {
        try
        {
            Closed();
        }
        finally
        {
            _owner.OnStreamDone();
        }
    }
}
