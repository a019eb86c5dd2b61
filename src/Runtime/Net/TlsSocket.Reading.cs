namespace Loopwire.Net;

/// <summary>
/// The reading side: one SslStream read in flight while the socket flows, decrypted chunks queued and emitted from
/// ticks of their own, and no read while paused or while more than a read's worth waits, so TCP pushes back.
/// </summary>
public sealed partial class TlsSocket
{
    private const int ReadSize = 16 * 1024; // a TLS record's largest plaintext
    private const int QueuedReadLimit = 64 * 1024;

    private readonly Queue<byte[]> _decrypted = new();
    private int _decryptedLength;
    private bool _readLoopRunning;
    private bool _flushScheduled;
    private bool _allowHalfOpen;
    private bool _paused;
    private bool _flowing;
    private bool _peerEnded; // SslStream read 0: close_notify, or TCP ended
    private bool _readEnded; // 'end' emitted

    /// <summary>Decrypted bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Whether <see cref="Pause"/> has stopped <c>data</c> events.</summary>
    public bool IsPaused => _paused;

    /// <summary>Whether <c>end</c> has been emitted: the peer ended and every chunk was read (Node's <c>readableEnded</c>).</summary>
    public bool IsEnded => _readEnded;

    /// <summary>
    /// Whether the socket stays writable after the peer ends (Node's <c>allowHalfOpen</c>). False by default: the
    /// socket then ends its own side once the <c>end</c> listeners have run.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set off the loop thread.</exception>
    public bool AllowHalfOpen
    {
        get => _allowHalfOpen;
        set
        {
            Loop.VerifyLoopThread();
            _allowHalfOpen = value;
        }
    }

    /// <summary>Stops <c>data</c> (and <c>end</c>) until <see cref="Resume"/>, as Node's <c>pause()</c>; no further read is made.</summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Pause()
    {
        Loop.VerifyLoopThread();
        _paused = true;
    }

    /// <summary>Emits <c>data</c> again after <see cref="Pause"/>, from a later tick, as Node's <c>resume()</c>.</summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Resume()
    {
        Loop.VerifyLoopThread();
        _paused = false;
        _flowing = true;
        ScheduleFlush();
        StartReading();
    }

    private void OnNewListener(string eventName, Delegate listener)
    {
        if (eventName == "data")
        {
            _flowing = true;
            ScheduleFlush();
            StartReading();
        }
    }

    private void StartReading()
    {
        if (_secure && !_readLoopRunning && !_peerEnded && !_paused && !_tcp.IsClosing)
        {
            _readLoopRunning = true;
            _ = ReadLoopAsync();
        }
    }

    private async Task ReadLoopAsync()
    {
        byte[] buffer = new byte[ReadSize];
        try
        {
            while (!_tcp.IsClosing && !_paused && _decryptedLength < QueuedReadLimit)
            {
                int count;
                try
                {
                    count = await _ssl.ReadAsync(buffer);
                }
                catch (Exception error) when (error is IOException or ObjectDisposedException or InvalidOperationException)
                {
                    if (!_tcp.IsClosing)
                    {
                        Destroy(new IOException($"TLS read failed: {error.Message}", error));
                    }

                    return;
                }

                if (_tcp.IsClosing)
                {
                    return;
                }

                if (count == 0)
                {
                    _peerEnded = true;
                    ScheduleFlush();
                    return;
                }

                _decrypted.Enqueue(buffer.AsSpan(0, count).ToArray());
                _decryptedLength += count;
                BytesRead += count;
                ScheduleFlush();
            }
        }
        finally
        {
            _readLoopRunning = false;
        }
    }

    private void ScheduleFlush()
    {
        if (!_flushScheduled && !_tcp.IsClosing)
        {
            _flushScheduled = true;
            Loop.NextTick(static socket => socket.Flush(), this);
        }
    }

    /// <summary>Emits the queued chunks, then <c>end</c> once the peer has ended; a listener may pause or destroy between them.</summary>
    private void Flush()
    {
        _flushScheduled = false;
        while (_decrypted.Count > 0 && _flowing && !_paused && !_tcp.IsClosing)
        {
            byte[] chunk = _decrypted.Dequeue();
            _decryptedLength -= chunk.Length;
            Data(chunk);
        }

        if (_tcp.IsClosing || _paused)
        {
            return;
        }

        if (_decrypted.Count == 0 && _peerEnded && !_readEnded && _flowing)
        {
            _readEnded = true;
            Ended();
            if (!AllowHalfOpen && !_tcp.IsClosing)
            {
                End();
            }

            EndTcpIfDone();
            return;
        }

        StartReading();
    }

    private void ClearQueues()
    {
        _decrypted.Clear();
        _decryptedLength = 0;
        _writes.Clear();
        _buffered = 0;
    }
}
