using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Loopwire.Internal;

namespace Loopwire.Net;

/// <summary>The writing side: the connect, then one send in flight at a time from the write queue, then the shutdown.</summary>
public sealed partial class TcpSocket
{
    private readonly WriteQueue _writes = new();
    private EndPoint? _connectingTo;
    private bool _connecting;
    private bool _sending;
    private bool _needDrain;
    private bool _ending;   // End was called
    private bool _finished; // our side is shut down (the peer has been sent FIN) and 'finish' emitted
    private int _highWaterMark = DefaultHighWaterMark;

    /// <summary>
    /// The buffered byte count at or above which <see cref="Write(ReadOnlyMemory{byte})"/> returns false (Node's
    /// <c>writableHighWaterMark</c>); <see cref="DefaultHighWaterMark"/> (16 KiB) unless set. 0 makes every write
    /// return false.
    /// </summary>
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

    /// <summary>Bytes written but not yet handed to the kernel, including those of a send in flight (Node's <c>writableLength</c>).</summary>
    public int BufferedAmount => _writes.Length;

    /// <summary>Bytes handed to the kernel so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>
    /// Queues <paramref name="data"/> to be sent, copying it, so the caller may reuse its buffer at once. Returns
    /// false once <see cref="BufferedAmount"/> is at or above <see cref="HighWaterMark"/>: the bytes are still queued,
    /// and never dropped, but the caller should wait for <c>drain</c>, which is emitted when the queue empties (Node's
    /// writable semantics).
    /// </summary>
    /// <param name="data">The bytes to send; may be empty.</param>
    /// <returns>Whether the caller may go on writing before <c>drain</c>.</returns>
    /// <exception cref="InvalidOperationException">Called after <see cref="End"/>, or off the loop thread.</exception>
    /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
    public bool Write(ReadOnlyMemory<byte> data)
    {
        VerifyWritable();
        return Enqueue(data.Span);
    }

    /// <summary>
    /// Queues three parts as one write, so that they go out together: what the HTTP module frames a body with (a head,
    /// a chunk's size line) around the body's bytes. Otherwise as <see cref="Write(ReadOnlyMemory{byte})"/>.
    /// </summary>
    internal bool Write(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data, ReadOnlySpan<byte> suffix)
    {
        VerifyWritable();
        _writes.Append(prefix);
        _writes.Append(data);
        return Enqueue(suffix);
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
        VerifyWritable();
        byte[] encoded = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            return Enqueue(encoded.AsSpan(0, Encoding.UTF8.GetBytes(text, encoded)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }

    /// <summary>
    /// Ends this side once the queued writes are sent (a TCP half-close: <c>shutdown(SHUT_WR)</c>), as Node's
    /// <c>socket.end()</c>: the peer gets <c>end</c> and may go on writing. The socket closes once the peer has ended
    /// too. Ending twice, or a closed socket, does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void End()
    {
        Loop.VerifyLoopThread();
        if (IsClosing || _ending)
        {
            return;
        }

        _ending = true;
        if (!_connecting && !_sending)
        {
            Shutdown();
        }
    }

    private void BeginConnect(EndPoint remote)
    {
        _connecting = true;
        _connectingTo = remote;
        _io.Connect(remote);
    }

    /// <summary>The connect completed (<see cref="IStreamIo"/>); no send starts before it.</summary>
    internal void OnConnected(SocketError error)
    {
        _connecting = false;
        if (IsClosing)
        {
            _writes.Clear();
            return;
        }

        if (error != SocketError.Success)
        {
            if (!TryNextCandidate())
            {
                Destroy(NetErrors.Connect(error, _connectingTo!));
            }

            return;
        }

        Touch();
        RemoteEndPoint = _connectingTo as IPEndPoint;
        LocalEndPoint = EndPointOf(_socket, remote: false);
        StartReceive();
        if (!_writes.IsEmpty)
        {
            StartSend();
        }
        else if (_ending)
        {
            Shutdown();
        }

        // Last, so that a throwing listener leaves the socket reading and writing; 'ready' right after, as in Node.
        if (!IsClosing)
        {
            Connected();
        }

        if (!IsClosing)
        {
            Ready();
        }
    }

    private void VerifyWritable()
    {
        Loop.VerifyLoopThread();
        if (IsClosing)
        {
            throw new ObjectDisposedException(
                nameof(TcpSocket), "write after destroy: this TcpSocket is closed, so it cannot write (Node's ERR_STREAM_DESTROYED).");
        }

        if (_ending)
        {
            throw new InvalidOperationException(
                "write after end: this TcpSocket was ended with End(), so it cannot write any more (Node's ERR_STREAM_WRITE_AFTER_END).");
        }
    }

    private bool Enqueue(ReadOnlySpan<byte> data)
    {
        Touch();
        _writes.Append(data);
        if (!_connecting && !_sending && !_writes.IsEmpty)
        {
            StartSend();
        }

        // As Node's Writable.write: compared after queueing, so one write at or above the mark returns false.
        bool belowMark = _writes.Length < _highWaterMark;
        _needDrain |= !belowMark;
        return belowMark;
    }

    private void StartSend()
    {
        _sending = true;
        _io.Send(_writes.Next);
    }

    /// <summary>A send completed (<see cref="IStreamIo"/>): the kernel took <paramref name="count"/> bytes, maybe fewer than offered.</summary>
    internal void OnSent(int count, SocketError error)
    {
        _sending = false;
        if (IsClosing)
        {
            _writes.Clear(); // the send is over, so its segment is free
            return;
        }

        if (error != SocketError.Success)
        {
            Destroy(NetErrors.Failed("write", error));
            return;
        }

        Touch();
        _writes.Consume(count);
        BytesWritten += count;
        if (!_writes.IsEmpty)
        {
            StartSend();
        }
        else if (_ending)
        {
            Shutdown();
        }
        else if (_needDrain)
        {
            _needDrain = false;
            Drain();
        }
    }

    private void Shutdown()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException error)
        {
            Destroy(NetErrors.Failed("shutdown", error.SocketErrorCode));
            return;
        }

        // libuv completes a shutdown request later, and Node emits 'finish' from its callback: never inside End().
        Loop.Defer(LoopCallback.ForTarget(static socket => ((TcpSocket)socket!).OnShutDown(), this));
    }

    /// <summary>Our side has ended: 'finish', then the close that follows once the peer has ended too.</summary>
    private void OnShutDown()
    {
        if (IsClosing)
        {
            return; // destroyed meanwhile: as in Node, no 'finish' after destroy
        }

        _finished = true;
        try
        {
            Finish();
        }
        finally
        {
            CloseIfFinished();
        }
    }

    /// <summary>Both sides have ended: the socket closes without error, as Node destroys a finished, ended socket.</summary>
    private void CloseIfFinished()
    {
        if (_finished && _readEnded && !IsClosing)
        {
            Close();
        }
    }
}
