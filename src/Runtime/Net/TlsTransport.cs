namespace Loopwire.Net;

/// <summary>
/// The <see cref="Stream"/> an <see cref="System.Net.Security.SslStream"/> reads and writes ciphertext through: it sits on a
/// <see cref="TcpSocket"/>'s events rather than on a socket, and completes every task on the loop thread, from those
/// events. SslStream awaits its inner stream with ConfigureAwait(false), so its code, and the TLS socket's, then runs
/// on the loop thread too.
/// </summary>
/// <remarks>
/// Tasks complete synchronously (no RunContinuationsAsynchronously): their continuations must run here, on the loop
/// thread, not on the thread pool.
/// </remarks>
internal sealed class TlsTransport : Stream
{
    /// <summary>Ciphertext held above this pauses the TCP socket, until SslStream has read it down.</summary>
    internal const int PauseAbove = 64 * 1024;

    private readonly TcpSocket _tcp;
    private readonly Queue<ReadOnlyMemory<byte>> _chunks = new();
    private int _headTaken; // bytes of the first chunk already read
    private int _held;
    private bool _ended;
    private Exception? _failure;
    private TaskCompletionSource<int>? _pendingRead;
    private Memory<byte> _pendingBuffer;
    private TaskCompletionSource? _pendingWrite;

    public TlsTransport(TcpSocket tcp)
    {
        _tcp = tcp;
        tcp.On.Data(OnData);
        tcp.On.Ended(OnEnded);
        tcp.On.Drain(OnDrain);
        tcp.On.Error(error => Fail(new IOException($"The TCP connection failed: {error.Message}", error)));
        tcp.On.Closed(_ => Fail(new IOException("The TCP connection closed.")));
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_tcp.Loop.IsLoopThread && (_chunks.Count > 0 || _failure is null && (_ended || buffer.IsEmpty)))
        {
            return new ValueTask<int>(Take(buffer)); // at once, without a task
        }

        var read = new TaskCompletionSource<int>();
        if (_tcp.Loop.IsLoopThread)
        {
            BeginRead(buffer, read);
        }
        else
        {
            // SslStream's server side hops to a pool thread while it processes the ClientHello: back to the loop.
            _tcp.Loop.Post(() => BeginRead(buffer, read));
        }

        return new ValueTask<int>(read.Task);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var write = new TaskCompletionSource();
        if (_tcp.Loop.IsLoopThread)
        {
            BeginWrite(buffer, write);
        }
        else
        {
            _tcp.Loop.Post(() => BeginWrite(buffer, write)); // as in ReadAsync: the task then completes on the loop
        }

        return new ValueTask(write.Task);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("TlsTransport is asynchronous only: a blocking read would stall the loop.");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("TlsTransport is asynchronous only: a blocking write would stall the loop.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>A read on the loop thread: from what is held, or else when the next chunk, end or failure comes.</summary>
    private void BeginRead(Memory<byte> buffer, TaskCompletionSource<int> read)
    {
        if (_chunks.Count > 0)
        {
            read.SetResult(Take(buffer));
        }
        else if (_failure is not null)
        {
            read.SetException(_failure);
        }
        else if (_ended || buffer.IsEmpty)
        {
            read.SetResult(0);
        }
        else
        {
            // One read at a time: SslStream never has two in flight.
            _pendingRead = read;
            _pendingBuffer = buffer;
        }
    }

    /// <summary>A write on the loop thread: done once the TCP socket has taken it under its high-water mark, or at its 'drain'.</summary>
    private void BeginWrite(ReadOnlyMemory<byte> buffer, TaskCompletionSource write)
    {
        if (_failure is not null)
        {
            write.SetException(_failure);
        }
        else if (!_tcp.IsWritable)
        {
            write.SetException(new IOException("The TCP connection was ended; TLS cannot write to it."));
        }
        else if (_tcp.Write(buffer))
        {
            write.SetResult();
        }
        else
        {
            // Over the TCP socket's high-water mark: SslStream's next record waits for 'drain', so TLS pushes back too.
            _pendingWrite = write;
        }
    }

    private void OnData(ReadOnlyMemory<byte> chunk)
    {
        // The chunk is a fresh array (TcpSocket's 'data'), so it is kept, not copied.
        _chunks.Enqueue(chunk);
        _held += chunk.Length;
        if (_pendingRead is { } read)
        {
            _pendingRead = null;
            int count = Take(_pendingBuffer);
            _pendingBuffer = default;
            read.SetResult(count); // runs SslStream's continuation here, on the loop thread
        }
        else if (_held > PauseAbove)
        {
            _tcp.Pause();
        }
    }

    private int Take(Memory<byte> buffer)
    {
        int copied = 0;
        while (_chunks.Count > 0 && copied < buffer.Length)
        {
            ReadOnlyMemory<byte> head = _chunks.Peek()[_headTaken..];
            int count = Math.Min(head.Length, buffer.Length - copied);
            head[..count].CopyTo(buffer[copied..]);
            copied += count;
            if (count == head.Length)
            {
                _chunks.Dequeue();
                _headTaken = 0;
            }
            else
            {
                _headTaken += count;
            }
        }

        _held -= copied;
        if (_held <= PauseAbove && _tcp.IsPaused && !_tcp.IsClosing)
        {
            _tcp.Resume();
        }

        return copied;
    }

    private void OnEnded()
    {
        _ended = true;
        if (_pendingRead is { } read)
        {
            _pendingRead = null;
            _pendingBuffer = default;
            read.SetResult(0);
        }
    }

    private void OnDrain()
    {
        if (_pendingWrite is { } write)
        {
            _pendingWrite = null;
            write.SetResult();
        }
    }

    private void Fail(Exception failure)
    {
        _failure ??= failure;
        if (_pendingRead is { } read)
        {
            _pendingRead = null;
            _pendingBuffer = default;
            read.SetException(_failure);
        }

        if (_pendingWrite is { } write)
        {
            _pendingWrite = null;
            write.SetException(_failure);
        }
    }
}
