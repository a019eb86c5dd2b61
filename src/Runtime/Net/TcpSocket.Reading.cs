using System.Buffers;
using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>The reading side: one receive in flight at a time, into a pooled buffer, each chunk copied out fresh.</summary>
public sealed partial class TcpSocket
{
    private const int ReadBufferSize = 64 * 1024; // what libuv offers each read

    private readonly SocketOperation _receive;
    private byte[]? _readBuffer;
    private bool _receiving; // a receive is in flight, or its result is not consumed yet
    private bool _paused;
    private bool _held;      // a completed receive waits for Resume
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
    /// emitted from the loop's poll phase, not inside this call.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Resume()
    {
        Loop.VerifyLoopThread();
        _paused = false;
        if (_held && !IsClosing)
        {
            _held = false;
            _receive.Started(pending: false); // queues the held result again, as if it had just completed
        }
    }

    private void StartReceive()
    {
        if (_readBuffer is null)
        {
            _readBuffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
            _receive.SetBuffer(_readBuffer, 0, ReadBufferSize);
        }

        _receiving = true;
        _receive.Started(_socket.ReceiveAsync(_receive));
    }

    /// <summary>
    /// A receive completed. The next one starts before the chunk is emitted, so a throwing listener cannot stall the
    /// socket; the chunk is a fresh array, so listeners may keep it (Node's semantics) while the buffer is reused.
    /// </summary>
    private void OnReceived()
    {
        if (IsClosing)
        {
            _receiving = false;
            RetireReceive();
            return;
        }

        if (_paused)
        {
            _held = true;
            return;
        }

        _receiving = false;
        if (_receive.SocketError != SocketError.Success)
        {
            Destroy(NetErrors.Failed("read", _receive.SocketError));
            return;
        }

        int count = _receive.BytesTransferred;
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

    /// <summary>The peer ended its side: emit <c>end</c>, then end ours unless half-open, as Node's onReadableStreamEnd.</summary>
    private void OnEnd()
    {
        _readEnded = true;
        RetireReceive();
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

    /// <summary>The receive operation is done with for good; safe to call twice.</summary>
    private void RetireReceive()
    {
        if (_readBuffer is { } buffer)
        {
            _readBuffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _receive.Dispose();
    }
}
