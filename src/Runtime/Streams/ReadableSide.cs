using Loopwire.Internal;

namespace Loopwire;

/// <summary>
/// Node's Readable state machine in flowing mode, shared by the streams whose chunks are pushed to them
/// (<see cref="TransformStream"/>, <see cref="Http.IncomingMessage"/>): pushed chunks are queued as they are and
/// emitted as 'data' while the stream flows and is not paused; once the source has pushed its end and nothing waits,
/// 'end' follows after the current callback. The stream starts flowing when its first 'data' listener is added or it
/// is resumed, from after the current callback, as in Node. Belongs to the loop thread.
/// </summary>
internal sealed class ReadableSide
{
    private static readonly Action<object?> FlowAfterResume = static side => ((ReadableSide)side!).Flow();
    private static readonly Action<object?> EmitEnd = static side => ((ReadableSide)side!)._owner.Ended();

    private readonly EventLoop _loop;
    private readonly IReadableSideOwner _owner;
    private readonly Queue<ReadOnlyMemory<byte>> _chunks = new();
    private bool _emitting;
    private bool _flowing; // a 'data' listener was added, or Resume called (Node's readableFlowing)
    private bool _endScheduled;

    /// <param name="loop">The owner's loop.</param>
    /// <param name="owner">The stream.</param>
    /// <param name="highWaterMark">Queued bytes at which <see cref="Push"/> starts returning false.</param>
    public ReadableSide(EventLoop loop, IReadableSideOwner owner, int highWaterMark)
    {
        _loop = loop;
        _owner = owner;
        HighWaterMark = highWaterMark;
    }

    /// <summary>Queued bytes at which <see cref="Push"/> starts returning false.</summary>
    public int HighWaterMark { get; }

    /// <summary>Bytes pushed and not yet emitted (Node's <c>readableLength</c>).</summary>
    public int Length { get; private set; }

    /// <summary>Whether <see cref="Pause"/> stopped the flow (Node's <c>isPaused()</c>).</summary>
    public bool IsPaused { get; private set; }

    /// <summary>Whether the source pushed its end (Node's <c>push(null)</c>): nothing more will come.</summary>
    public bool IsEndPushed { get; private set; }

    /// <summary>Whether fewer than <see cref="HighWaterMark"/> bytes wait: the source may push more.</summary>
    public bool HasRoom => Length < HighWaterMark;

    /// <summary>Queues <paramref name="chunk"/>, kept as it is, and emits it at once when the stream flows and nothing is ahead of it.</summary>
    /// <returns>Whether <see cref="HasRoom"/> after the push.</returns>
    public bool Push(ReadOnlyMemory<byte> chunk)
    {
        if (!chunk.IsEmpty)
        {
            _chunks.Enqueue(chunk);
            Length += chunk.Length;
            Flow();
        }

        return HasRoom;
    }

    /// <summary>The source is done: 'end' follows the last chunk, once it is emitted.</summary>
    public void PushEnd()
    {
        IsEndPushed = true;
        Flow();
    }

    /// <summary>Stops emitting 'data' (Node's <c>pause()</c>).</summary>
    public void Pause() => IsPaused = true;

    /// <summary>Flows again, or for the first time, from after the current callback (Node's <c>resume()</c>).</summary>
    public void Resume()
    {
        if (IsPaused || !_flowing)
        {
            IsPaused = false;
            StartFlowing();
        }
    }

    /// <summary>A 'data' listener is about to be added: the stream flows from after the current callback, if it did not already.</summary>
    public void DataListenerAdded()
    {
        if (!_flowing)
        {
            StartFlowing();
        }
    }

    /// <summary>Drops what waits: the stream was destroyed.</summary>
    public void Clear()
    {
        _chunks.Clear();
        Length = 0;
    }

    private void StartFlowing()
    {
        _flowing = true;
        _loop.Defer(LoopCallback.ForTarget(FlowAfterResume, this));
    }

    /// <summary>
    /// Emits the waiting chunks while the stream flows; then tells the owner there is room, or schedules 'end' once the
    /// end was pushed and nothing waits.
    /// </summary>
    private void Flow()
    {
        if (_emitting || !_flowing)
        {
            return; // a 'data' listener pushed: the loop below takes it
        }

        _emitting = true;
        try
        {
            while (!IsPaused && !_owner.IsDestroyed && _chunks.TryDequeue(out ReadOnlyMemory<byte> chunk))
            {
                Length -= chunk.Length;
                _owner.Data(chunk);
            }
        }
        finally
        {
            _emitting = false;
        }

        if (_owner.IsDestroyed || IsPaused)
        {
            return;
        }

        if (IsEndPushed)
        {
            if (_chunks.Count == 0 && !_endScheduled)
            {
                _endScheduled = true;
                _loop.Defer(LoopCallback.ForTarget(EmitEnd, this)); // as Node's endReadableNT
            }
        }
        else if (HasRoom)
        {
            _owner.Drained();
        }
    }
}
