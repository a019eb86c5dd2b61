using Loopwire.Internal;

namespace Loopwire;

/// <summary>
/// Node's Writable state machine, shared by <see cref="WritableStream"/> and <see cref="TransformStream"/>: written
/// chunks are copied and queued (<see cref="WriteBacklog"/>), handed to the owner's user code one at a time, in order,
/// each after the previous one's callback; once ended and empty, the owner's final code runs, then 'finish'. 'drain'
/// follows, after the current callback, when chunks that reached the high-water mark have all been written. Belongs
/// to the loop thread.
/// </summary>
internal sealed class WritableSide
{
    private static readonly Action<object?> EmitDrain = static side => ((WritableSide)side!).OnDrained();

    private readonly EventLoop _loop;
    private readonly IWritableSideOwner _owner;
    private readonly WriteBacklog _backlog;
    private readonly StreamCallback _onWritten;
    private readonly StreamCallback _onFinal;
    private readonly string _streamName;
    private readonly string _codeName;

    private int _writing = -1; // the length of the chunk the owner's code has, or -1
    private bool _pumping;
    private bool _finalStarted;
    private bool _finalDone;

    /// <param name="loop">The owner's loop.</param>
    /// <param name="owner">The stream.</param>
    /// <param name="highWaterMark">Queued bytes at which <see cref="Write"/> starts returning false.</param>
    /// <param name="streamName">What the stream is called in error messages: "transform stream".</param>
    /// <param name="codeName">What its user code is called in error messages: "transform".</param>
    public WritableSide(EventLoop loop, IWritableSideOwner owner, int highWaterMark, string streamName, string codeName)
    {
        _loop = loop;
        _owner = owner;
        _backlog = new WriteBacklog(highWaterMark);
        _onWritten = OnWritten;
        _onFinal = OnFinal;
        _streamName = streamName;
        _codeName = codeName;
    }

    /// <summary>Queued bytes at which <see cref="Write"/> starts returning false.</summary>
    public int HighWaterMark => _backlog.HighWaterMark;

    /// <summary>Bytes written and not yet done, the chunk with the user code included (Node's <c>writableLength</c>).</summary>
    public int Length => _backlog.Length;

    /// <summary>Whether <see cref="End"/> was called (Node's <c>writableEnded</c>).</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Queues <paramref name="chunk"/> (copied, unless <paramref name="keep"/> and a whole array) and writes on.</summary>
    /// <returns>Whether fewer than the mark are queued; false, with the bytes dropped, once the owner is destroyed.</returns>
    /// <exception cref="InvalidOperationException">After <see cref="End"/> (Node's write after end).</exception>
    public bool Write(ReadOnlyMemory<byte> chunk, bool keep)
    {
        if (IsEnded)
        {
            throw new InvalidOperationException($"write after end: End() was called on the {_streamName}, so nothing more can be written to it.");
        }

        if (_owner.IsDestroyed)
        {
            return false;
        }

        bool belowMark = _backlog.Accept(chunk, keep);
        Pump();
        return belowMark;
    }

    /// <summary>Ends the side: the final code runs once every queued chunk is written. Again does nothing.</summary>
    public void End()
    {
        if (!IsEnded)
        {
            IsEnded = true;
            Pump();
        }
    }

    /// <summary>Drops what is queued, as a destroyed stream does.</summary>
    public void Clear() => _backlog.Clear();

    /// <summary>
    /// Hands queued chunks to the user code, one at a time; then, once ended and empty, runs the final code. Code that
    /// calls back at once is followed in this loop, not by recursion. An exception it throws destroys the stream, as
    /// an error passed to its callback does.
    /// </summary>
    private void Pump()
    {
        if (_pumping)
        {
            return; // called back from inside the user code: the loop below goes on
        }

        _pumping = true;
        try
        {
            while (!_owner.IsDestroyed && _writing < 0 && _backlog.TryTake(out byte[]? chunk))
            {
                _writing = chunk.Length;
                try
                {
                    _owner.WriteChunk(chunk, _onWritten);
                }
                catch (Exception error)
                {
                    _owner.Destroy(error);
                }
            }

            if (!_owner.IsDestroyed && _writing < 0 && IsEnded && _backlog.Length == 0 && !_finalStarted)
            {
                _finalStarted = true;
                try
                {
                    _owner.WriteFinal(_onFinal);
                }
                catch (Exception error)
                {
                    _owner.Destroy(error);
                }
            }
        }
        finally
        {
            _pumping = false;
        }
    }

    private void OnWritten(Exception? error = null)
    {
        _loop.VerifyLoopThread();
        int length = _writing;
        if (length < 0)
        {
            throw new InvalidOperationException($"The {_codeName} called its callback twice for one chunk (Node's ERR_MULTIPLE_CALLBACK): call it once per chunk.");
        }

        _writing = -1;
        if (_owner.IsDestroyed)
        {
            return;
        }

        if (error is not null)
        {
            _owner.Destroy(error);
            return;
        }

        if (_backlog.Written(length))
        {
            _loop.Defer(LoopCallback.ForTarget(EmitDrain, this)); // as Node's afterWrite: never inside the write
        }

        Pump();
    }

    private void OnFinal(Exception? error = null)
    {
        _loop.VerifyLoopThread();
        if (_finalDone)
        {
            throw new InvalidOperationException($"The {_codeName}'s end called its callback twice (Node's ERR_MULTIPLE_CALLBACK): call it once.");
        }

        _finalDone = true;
        if (_owner.IsDestroyed)
        {
            return;
        }

        if (error is not null)
        {
            _owner.Destroy(error);
        }
        else
        {
            _owner.Finished();
        }
    }

    private void OnDrained()
    {
        if (!_owner.IsDestroyed)
        {
            _owner.Drained();
        }
    }
}
