using System.Buffers;
using System.Net.Sockets;
using Loopwire.Internal;

namespace Loopwire.Net;

/// <summary>The reading side: one receive in flight at a time, into a pooled buffer, each chunk copied out fresh.</summary>
public sealed partial class TcpSocket
{
    private const int ReadBufferSize = 64 * 1024; // what libuv offers each read

    private byte[]? _readBuffer;
    private bool _receiving; // a receive is in flight, or its result is not consumed yet
    private bool _paused;
    private bool _flowing;   // a 'data' listener was added, or Resume called: chunks are emitted (Node's readableFlowing)
    private bool _held;      // a completed receive waits for Resume, or for a first 'data' listener, with its result:
    private int _heldCount;
    private SocketError _heldError;
    private bool _readEnded;

    /// <summary>Bytes received so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Whether <see cref="Pause"/> has stopped <c>data</c> events.</summary>
    public bool IsPaused => _paused;

    /// <summary>
    /// Stops emitting <c>data</c> (and <c>end</c>) until <see cref="Resume"/>, as Node's <c>socket.pause()</c>. At most
    /// one read already in flight completes and is held; no further read is made, so the peer's writes back up
    /// through TCP's flow control.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Pause()
    {
        Loop.VerifyLoopThread();
        _paused = true;
    }

    /// <summary>
    /// Emits <c>data</c> again after <see cref="Pause"/>, as Node's <c>socket.resume()</c>: a chunk held meanwhile is
    /// emitted from the loop's poll phase, not inside this call. On a socket that had no <c>data</c> listener yet it
    /// starts the flow, and the chunks are dropped, as in Node.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Resume()
    {
        Loop.VerifyLoopThread();
        _paused = false;
        _flowing = true;
        FlowHeld();
    }

    /// <summary>
    /// A receive completed (<see cref="IStreamIo"/>). The next one starts before the chunk is emitted, so a throwing
    /// listener cannot stall the socket; the chunk is a fresh array, so listeners may keep it (Node's semantics) while
    /// the buffer is reused.
    /// </summary>
    internal void OnReceived(int count, SocketError error)
    {
        if (IsClosing)
        {
            _receiving = false;
            ReleaseReadBuffer();
            return;
        }

        // Bytes that arrive before anything reads them wait, and no further read is made, as before Node's stream flows.
        if (_paused || (!_flowing && count > 0 && error == SocketError.Success))
        {
            (_held, _heldCount, _heldError) = (true, count, error);
            return;
        }

        _receiving = false;
        if (error != SocketError.Success)
        {
            Destroy(NetErrors.Failed("read", error));
            return;
        }

        Touch();

        if (count == 0)
        {
            OnEnd();
            return;
        }

        byte[] chunk = _readBuffer.AsSpan(0, count).ToArray();
        BytesRead += count;
        StartReceive();
        Data(chunk);
    }

    private void StartReceive()
    {
        _readBuffer ??= ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        _receiving = true;
        _io.Receive(_readBuffer.AsMemory(0, ReadBufferSize));
    }

    /// <summary>A 'data' listener is about to be added: the socket flows, and a held receive is taken up once it is.</summary>
    private void OnNewListener(string eventName, Delegate listener)
    {
        if (eventName == "data")
        {
            _flowing = true;
            FlowHeld();
        }
    }

    /// <summary>Hands a held receive back to the poll phase, where it is taken up after the current callback, unless paused or closed.</summary>
    private void FlowHeld()
    {
        if (_held && !_paused && !IsClosing)
        {
            _held = false;
            Loop.Inbox.Enqueue(LoopCallback.ForTarget(static socket => ((TcpSocket)socket!).OnHeldResumed(), this));
        }
    }

    /// <summary>Takes up a receive held while paused, as if it had just completed: the socket may have paused or closed again since.</summary>
    private void OnHeldResumed() => OnReceived(_heldCount, _heldError);

    /// <summary>The peer ended its side: emit <c>end</c>, then end ours unless half-open, as Node's onReadableStreamEnd.</summary>
    private void OnEnd()
    {
        _readEnded = true;
        ReleaseReadBuffer();
        Ended();
        if (!IsClosing)
        {
            if (!_allowHalfOpen)
            {
                End();
            }

            CloseIfFinished(); // our side may have ended first
        }
    }

    /// <summary>No receive will use the buffer again; safe to call twice.</summary>
    private void ReleaseReadBuffer()
    {
        if (_readBuffer is { } buffer)
        {
            _readBuffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
