using System.Text;

namespace Loopwire.Net;

/// <summary>
/// The writing side: plaintext queued, one SslStream write at a time (it allows no more), then close_notify after <see cref="End"/>. Writes wait for the handshake.
/// </summary>
public sealed partial class TlsSocket
{
    /// <summary>The default <see cref="HighWaterMark"/>: 16 KiB, as a Node socket's.</summary>
    public const int DefaultHighWaterMark = 16 * 1024;

    private readonly Queue<byte[]> _writes = new();
    private int _buffered;
    private bool _writing;
    private bool _needDrain;
    private bool _ending;
    private bool _shutDown;
    private bool _finished;
    private int _highWaterMark = DefaultHighWaterMark;

    /// <summary>The buffered plaintext at or above which <see cref="Write(ReadOnlyMemory{byte})"/> returns false (Node's <c>writableHighWaterMark</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    /// <exception cref="InvalidOperationException">Set off the loop thread.</exception>
    public int HighWaterMark
    {
        get => _highWaterMark;
        set
        {
            Loop.VerifyLoopThread();
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _highWaterMark = value;
        }
    }

    /// <summary>Plaintext written but not yet taken by SslStream, including a write in flight (Node's <c>writableLength</c>).</summary>
    public int BufferedAmount => _buffered;

    /// <summary>Whether <see cref="Write(ReadOnlyMemory{byte})"/> may still be called: not ended and not closed.</summary>
    public bool IsWritable => !_tcp.IsClosing && !_ending;

    /// <summary>Whether <c>finish</c> has been emitted: this side ended and close_notify and every byte were sent.</summary>
    public bool IsFinished => _finished;

    /// <summary>
    /// Queues <paramref name="data"/> to be encrypted and sent, copying it. Returns false once
    /// <see cref="BufferedAmount"/> is at or above <see cref="HighWaterMark"/>; <c>drain</c> follows when the queue
    /// empties. Bytes written before the handshake completes wait for it.
    /// </summary>
    /// <param name="data">The bytes to send.</param>
    /// <returns>Whether the caller may go on writing before <c>drain</c>.</returns>
    /// <exception cref="InvalidOperationException">Called after <see cref="End"/>, or off the loop thread.</exception>
    /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
    public bool Write(ReadOnlyMemory<byte> data)
    {
        VerifyWritable();
        return Enqueue(data.ToArray());
    }

    /// <summary>Queues three parts as one array, so that they are encrypted and sent together.</summary>
    bool INetSocket.Write(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data, ReadOnlySpan<byte> suffix)
    {
        VerifyWritable();
        var joined = new byte[prefix.Length + data.Length + suffix.Length];
        prefix.CopyTo(joined);
        data.CopyTo(joined.AsSpan(prefix.Length));
        suffix.CopyTo(joined.AsSpan(prefix.Length + data.Length));
        return Enqueue(joined);
    }

    /// <summary>Queues an array the socket now owns.</summary>
    private bool Enqueue(byte[] owned)
    {
        _writes.Enqueue(owned);
        _buffered += owned.Length;

        // As Node's Writable.write: compared after queueing, before a write that may complete at once.
        bool belowMark = _buffered < _highWaterMark;
        _needDrain |= !belowMark;
        StartWriting();
        return belowMark;
    }

    /// <summary>Queues <paramref name="text"/>, encoded as UTF-8; otherwise as <see cref="Write(ReadOnlyMemory{byte})"/>.</summary>
    /// <param name="text">The text to send.</param>
    /// <returns>Whether the caller may go on writing before <c>drain</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called after <see cref="End"/>, or off the loop thread.</exception>
    /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
    public bool Write(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Ends this side once the queued writes are sent, as Node's <c>socket.end()</c>: SslStream sends close_notify,
    /// then TCP is half-closed and <c>finish</c> emitted. Ending twice, or a closed socket, does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void End()
    {
        Loop.VerifyLoopThread();
        if (_tcp.IsClosing || _ending)
        {
            return;
        }

        _ending = true;
        StartWriting();
    }

    private void VerifyWritable()
    {
        Loop.VerifyLoopThread();
        if (_tcp.IsClosing)
        {
            throw new ObjectDisposedException(
                nameof(TlsSocket), "write after destroy: this TlsSocket is closed, so it cannot write (Node's ERR_STREAM_DESTROYED).");
        }

        if (_ending)
        {
            throw new InvalidOperationException(
                "write after end: this TlsSocket was ended with End(), so it cannot write any more (Node's ERR_STREAM_WRITE_AFTER_END).");
        }
    }

    private void StartWriting()
    {
        if (_secure && !_writing && !_shutDown && !_tcp.IsClosing && (_writes.Count > 0 || _ending))
        {
            _writing = true;
            _ = WriteLoopAsync();
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (_writes.Count > 0)
            {
                byte[] chunk = _writes.Peek();
                await _ssl.WriteAsync(chunk); // completes at once, or at the TCP socket's 'drain'
                if (_tcp.IsClosing)
                {
                    return;
                }

                _writes.Dequeue();
                _buffered -= chunk.Length;
            }

            if (_ending)
            {
                _shutDown = true;
                await _ssl.ShutdownAsync(); // close_notify
                if (!_tcp.IsClosing)
                {
                    Loop.NextTick(static socket => socket.OnShutDown(), this);
                }
            }
            else if (_needDrain)
            {
                _needDrain = false;
                Loop.NextTick(static socket => socket.OnDrained(), this);
            }
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or InvalidOperationException)
        {
            if (!_tcp.IsClosing)
            {
                Destroy(new IOException($"TLS write failed: {error.Message}", error));
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private void OnDrained()
    {
        if (!_tcp.IsClosing)
        {
            Drain();
        }
    }

    /// <summary>close_notify is sent: this side is finished.</summary>
    private void OnShutDown()
    {
        if (_tcp.IsClosing)
        {
            return;
        }

        _finished = true;
        try
        {
            Finish();
        }
        finally
        {
            EndTcpIfDone();
        }
    }

    /// <summary>
    /// Both TLS sides are done: only now is TCP ended, since a TCP socket closes once both of its sides have ended,
    /// and this one must not close while decrypted bytes, or the peer's close_notify, are still to be read.
    /// </summary>
    private void EndTcpIfDone()
    {
        if (_finished && _readEnded && !_tcp.IsClosing && _tcp.IsWritable)
        {
            _tcp.End();
        }
    }
}
