namespace Loopwire;

/// <summary>
/// A compressor or decompressor behind a <see cref="TransformStream"/>: each chunk, and the flush, is one request on
/// the loop's work pool, as Node runs zlib on libuv's threadpool; what it made is pushed on the loop. Chunks come one
/// at a time, so the codec's state is only ever touched by one thread at a time.
/// </summary>
internal abstract class ZlibCodec
{
    /// <summary>Node's zlib <c>chunkSize</c>: the most bytes one 'data' event carries.</summary>
    private const int PushSize = 16 * 1024;

    private readonly Action<Exception?, ZlibCodec?> _afterWork;
    private TransformStream? _stream;
    private StreamCallback? _callback;
    private ReadOnlyMemory<byte> _input;
    private bool _finishing;
    private bool _working;
    private bool _released;

    protected ZlibCodec()
    {
        _afterWork = AfterWork;
    }

    /// <summary>What the codec made from the current chunk; emptied after each push, its buffer kept.</summary>
    protected MemoryStream Output { get; } = new();

    /// <summary>Makes the stream that runs this codec on <paramref name="loop"/>'s work pool.</summary>
    public TransformStream CreateStream(EventLoop loop)
    {
        var stream = new TransformStream(loop, Transform, Flush);
        stream.On.Closed(ReleaseWhenIdle);
        return stream;
    }

    /// <summary>Runs all of <paramref name="input"/> through at once, on the calling pool thread, as Node's one-shot <c>zlib.gzip(buffer, callback)</c> does.</summary>
    public byte[] ConvertAll(ReadOnlyMemory<byte> input)
    {
        try
        {
            Transform(input);
            Finish();
            return Output.ToArray();
        }
        finally
        {
            ReleaseOnce();
        }
    }

    /// <summary>Takes one chunk, on a pool thread; what it makes goes to <see cref="Output"/>.</summary>
    protected abstract void Transform(ReadOnlyMemory<byte> input);

    /// <summary>After the last chunk, on a pool thread: writes what is left to <see cref="Output"/>, or throws when the input was incomplete.</summary>
    protected abstract void Finish();

    /// <summary>Frees the native state; never while a request runs.</summary>
    protected abstract void Release();

    private void Transform(TransformStream stream, ReadOnlyMemory<byte> chunk, StreamCallback callback) =>
        Queue(stream, chunk, finishing: false, callback);

    private void Flush(TransformStream stream, StreamCallback callback) =>
        Queue(stream, default, finishing: true, callback);

    private void Queue(TransformStream stream, ReadOnlyMemory<byte> chunk, bool finishing, StreamCallback callback)
    {
        _stream = stream;
        _callback = callback;
        _input = chunk;
        _finishing = finishing;
        _working = true;
        stream.Loop.QueueWork(static codec => codec.Run(), this, _afterWork);
    }

    private ZlibCodec Run()
    {
        if (_finishing)
        {
            Finish();
        }
        else
        {
            Transform(_input);
        }

        return this;
    }

    private void AfterWork(Exception? error, ZlibCodec? _)
    {
        TransformStream stream = _stream!;
        StreamCallback callback = _callback!;
        _stream = null;
        _callback = null;
        _input = default;
        _working = false;
        if (error is null && !stream.IsDestroyed)
        {
            PushOutput(stream);
        }

        Output.SetLength(0);
        if (error is not null || _finishing || stream.IsDestroyed)
        {
            ReleaseOnce();
        }

        callback(error);
    }

    private void PushOutput(TransformStream stream)
    {
        ReadOnlyMemory<byte> output = Output.GetBuffer().AsMemory(0, (int)Output.Length);
        while (!output.IsEmpty)
        {
            int length = Math.Min(PushSize, output.Length);
            stream.Push(output[..length].ToArray()); // a copy: Push keeps what it is given, and this buffer is the next chunk's
            output = output[length..];
        }
    }

    /// <summary>A stream closed while idle frees its codec now; one closed mid-request, when the request comes back.</summary>
    private void ReleaseWhenIdle()
    {
        if (!_working)
        {
            ReleaseOnce();
        }
    }

    private void ReleaseOnce()
    {
        if (!_released)
        {
            _released = true;
            Release();
        }
    }
}
