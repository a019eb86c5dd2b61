using Loopwire.Internal;
using Microsoft.Win32.SafeHandles;

namespace Loopwire;

/// <summary>
/// A file read as a stream: Node's <c>fs.ReadStream</c>, made by <see cref="Fs.CreateReadStream(string, long, long?, int)"/>.
/// The file is opened on the work pool ('open', then 'ready'), then read from <c>start</c> to <c>end</c> (inclusive)
/// one read at a time, each on the pool, each read's bytes emitted as 'data' on the loop, in order; then 'end', then
/// the file is closed and 'close' follows. <see cref="Pause"/> stops reading; <see cref="Resume"/> reads on.
/// </summary>
/// <remarks>
/// <para>
/// Not a <see cref="Handle"/>, as Node's stream owns no libuv handle either: what keeps the loop alive is the pool
/// request under way (the open, a read, the close), as any request does (L1, L12). A paused stream has none, so it
/// does not keep the loop alive; after 'close' nothing of it is left.
/// </para>
/// <para>
/// It reads from the start, as <c>ProcessReadable</c> does, but a read's bytes wait, and no further read is made,
/// while the stream has no 'data' listener: none are lost, as in Node, where a stream without one stays paused. A
/// failure (the open, a read) is 'error', then 'close'; with no 'error' listener the
/// error is thrown on the loop (E2).
/// </para>
/// <para>
/// A stream over an open descriptor (Node's <c>fd</c> option, <see cref="Fs.CreateReadStream(SafeFileHandle, long?, long?, int, bool)"/>)
/// has no 'open' or 'ready' and no <see cref="Path"/>, as Node's. Without <c>autoClose</c> it leaves the descriptor
/// open after 'end' or a failed read, and emits no 'close' then, as Node's stream is not destroyed; only
/// <see cref="Destroy"/> closes it, as Node's <c>destroy()</c> does.
/// </para>
/// </remarks>
[EventEmitter]
public sealed partial class FileReadStream : IReadableStream, IFreshChunkSource
{
    private static readonly Action<object?> FlowAfterResume = static stream => ((FileReadStream)stream!).Flow();

    private readonly EventLoop _loop;
    private readonly long? _end;
    private readonly int _highWaterMark;
    private readonly bool _autoClose;
    private readonly bool _atOffset; // no start was given for a descriptor: read at its own offset, as Node's position null
    private readonly Action<Exception?, SafeFileHandle?> _onOpened;
    private readonly Action<Exception?, int> _onRead;

    private readonly StreamFile _file;
    private long _position; // from start, or from the descriptor's offset: what end is counted from

    // The read under way, or one done and held while paused: its buffer, and how many bytes it got (0: end of file).
    private byte[]? _buffer;
    private int _count;

    private bool _opening = true;
    private bool _reading;
    private bool _held;
    private bool _flowing; // a 'data' listener was added, or Resume called: chunks are emitted (Node's readableFlowing)
    private bool _errored; // a read failed without autoClose: the stream stops, not destroyed (Node's errored)

    internal FileReadStream(EventLoop loop, string path, long start, long? end, int highWaterMark)
        : this(loop, path, start, end, highWaterMark, autoClose: true)
    {
        loop.QueueWork(static path => FileOperations.Open(path, new OpenFlags(FileMode.Open, FileAccess.Read)), path, _onOpened);
    }

    internal FileReadStream(EventLoop loop, SafeFileHandle file, long? start, long? end, int highWaterMark, bool autoClose)
        : this(loop, path: null, start, end, highWaterMark, autoClose)
    {
        _opening = false;
        _file.Handle = file;
        Flow(); // reads ahead at once, as a path's stream does once open
    }

    private FileReadStream(EventLoop loop, string? path, long? start, long? end, int highWaterMark, bool autoClose)
    {
        _loop = loop;
        Path = path;
        _atOffset = start is null;
        _position = start ?? 0;
        _end = end;
        _highWaterMark = highWaterMark;
        _autoClose = autoClose;
        _onOpened = OnOpened;
        _onRead = OnRead;
        _file = new StreamFile(loop, Error, Closed);
        On.NewListener(OnNewListener);
    }

    /// <summary>The file's path, as given (Node's <c>path</c>); null for a stream over a descriptor, as Node's is undefined.</summary>
    public string? Path { get; }

    /// <summary>Bytes read so far (Node's <c>bytesRead</c>).</summary>
    public long BytesRead { get; private set; }

    /// <inheritdoc/>
    public EventLoop Loop => _loop;

    /// <summary>Whether <see cref="Pause"/> stopped the flow (Node's <c>isPaused()</c>).</summary>
    public bool IsPaused { get; private set; }

    /// <summary>Whether 'end' has been emitted (Node's <c>readableEnded</c>).</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Whether the stream was destroyed: it ended, failed, or <see cref="Destroy"/> was called (Node's <c>destroyed</c>).</summary>
    public bool IsDestroyed { get; private set; }

    /// <summary>
    /// Stops emitting 'data' and stops reading (Node's <c>pause()</c>): a read already under way completes, and its
    /// bytes wait for <see cref="Resume"/>.
    /// </summary>
    /// <returns>This stream.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public FileReadStream Pause()
    {
        _loop.VerifyLoopThread();
        IsPaused = true;
        return this;
    }

    /// <summary>
    /// Emits 'data' again and reads on (Node's <c>resume()</c>), also on a stream that had no 'data' listener yet, whose
    /// bytes are then dropped as in Node; as in Node, bytes held meanwhile are emitted after the current callback, not
    /// inside this call.
    /// </summary>
    /// <returns>This stream.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public FileReadStream Resume()
    {
        _loop.VerifyLoopThread();
        if (IsPaused || !_flowing)
        {
            IsPaused = false;
            _flowing = true;
            _loop.Defer(LoopCallback.ForTarget(FlowAfterResume, this));
        }

        return this;
    }

    /// <summary>
    /// Stops the stream (Node's <c>destroy([error])</c>): no more 'data' or 'end'; once a read under way is done the
    /// file is closed, then 'error' is emitted if <paramref name="error"/> is given, then 'close'. Calling it again,
    /// or after the stream ended and closed, does nothing more. A descriptor given without <c>autoClose</c> is closed too,
    /// as Node's <c>destroy()</c> closes it.
    /// </summary>
    /// <param name="error">The error to emit, or null to close quietly.</param>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Destroy(Exception? error = null)
    {
        _loop.VerifyLoopThread();
        if (IsDestroyed)
        {
            return;
        }

        IsDestroyed = true;
        _file.DestroyError = error;
        _held = false;
        _buffer = null;
        if (!_opening && !_reading)
        {
            _file.Close();
        }
    }

    void IReadableStream.Pause() => Pause();

    void IReadableStream.Resume() => Resume();

    void IReadableStream.AddDataListener(Action<ReadOnlyMemory<byte>> listener) => On.Data(listener);

    void IReadableStream.RemoveDataListener(Action<ReadOnlyMemory<byte>> listener) => Off.Data(listener);

    void IReadableStream.AddEndListener(Action listener) => On.End(listener);

    void IReadableStream.RemoveEndListener(Action listener) => Off.End(listener);

    void IStream.AddErrorListener(Action<Exception> listener) => On.Error(listener);

    void IStream.AddCloseListener(Action listener) => On.Closed(listener);

    /// <summary>The file is open; not emitted by a stream over a descriptor, as in Node.</summary>
    [Event] partial void Open();

    /// <summary>The stream is ready to read: right after 'open'; not emitted by a stream over a descriptor, as in Node.</summary>
    [Event] partial void Ready();

    /// <summary>A chunk of the file: the bytes of one read, at most the high-water mark, in a new array the listener may keep.</summary>
    [Event] partial void Data(ReadOnlyMemory<byte> chunk);

    /// <summary>The file (or the range) was read to its end: no more 'data'.</summary>
    [Event] partial void End();

    /// <summary>
    /// The open or a read failed, or <see cref="Destroy"/> was given an error; 'close' follows (after a failed read only
    /// with <c>autoClose</c>). With no listener the error is thrown on the loop (E2).
    /// </summary>
    [Event] partial void Error(Exception error);

    /// <summary>The file is closed (or never opened): the stream's last event.</summary>
    [Event("close")] partial void Closed();

    /// <summary>
    /// One read, on the pool: the range's next bytes at the stream's position, or at the descriptor's own offset when
    /// it has none, its error worded as Node's (with no path for a descriptor).
    /// </summary>
    private static int ReadOffLoop((SafeFileHandle File, byte[] Buffer, long? Position, string? Path) read)
    {
        try
        {
            return read.Position is long position
                ? FileOperations.Read(read.File, read.Buffer, position)
                : FileOperations.ReadAtOffset(read.File, read.Buffer);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw read.Path is null ? FsErrors.RewordDescriptor(error, "read") : FsErrors.Reword(error, "read", read.Path);
        }
    }

    private void OnOpened(Exception? error, SafeFileHandle? file)
    {
        _opening = false;
        _file.Handle = file;
        if (IsDestroyed)
        {
            _file.Close();
        }
        else if (error is not null)
        {
            Destroy(error);
        }
        else
        {
            Open();
            Ready();
            Flow();
        }
    }

    /// <summary>Delivers a held read result, or starts the next read, unless paused, destroyed, opening or already reading.</summary>
    private void Flow()
    {
        if (IsDestroyed || IsEnded || _errored || IsPaused || _opening || _reading)
        {
            return;
        }

        if (_held)
        {
            if (_count > 0 && !_flowing)
            {
                return; // nothing reads the stream yet: the bytes wait for a 'data' listener or Resume
            }

            _held = false;
            Deliver();
        }
        else if (RangeRead)
        {
            Finish(); // the range is read: no read is needed to learn it, as in Node
        }
        else
        {
            StartRead();
        }
    }

    /// <summary>Whether the bytes from start to end have all been read.</summary>
    private bool RangeRead => _end is long end && _position > end;

    /// <summary>Where the next read starts: the stream's position, or null for the descriptor's own offset.</summary>
    private long? ReadPosition => _atOffset ? null : _position;

    private void StartRead()
    {
        int size = _end is long last ? (int)Math.Min(_highWaterMark - 1L, last - _position) + 1 : _highWaterMark;
        _buffer = new byte[size]; // a new array per read, so a listener may keep its chunk
        _reading = true;
        _loop.QueueWork(ReadOffLoop, (_file.Handle!, _buffer, ReadPosition, Path), _onRead);
    }

    /// <summary>A 'data' listener is about to be added: the stream flows, from after the current callback, when it is.</summary>
    private void OnNewListener(string eventName, Delegate listener)
    {
        if (eventName == "data" && !_flowing)
        {
            _flowing = true;
            _loop.Defer(LoopCallback.ForTarget(FlowAfterResume, this));
        }
    }

    private void OnRead(Exception? error, int count)
    {
        _reading = false;
        if (IsDestroyed)
        {
            _file.Close(); // destroyed while the read was on the pool
        }
        else if (error is not null)
        {
            Fail(error);
        }
        else
        {
            _count = count;
            _position += count;
            BytesRead += count;
            _held = true;
            Flow(); // delivers it now, or holds it while paused
        }
    }

    private void Deliver()
    {
        if (_count == 0)
        {
            Finish();
            return;
        }

        ReadOnlyMemory<byte> chunk = _buffer.AsMemory(0, _count);
        _buffer = null;

        // The next read runs while the listeners take this chunk, as Node's readable refills its buffer: a listener
        // that pauses (a pipe whose destination is full) finds it held, not yet to be started.
        bool readingAhead = !IsPaused && !RangeRead;
        if (readingAhead)
        {
            StartRead();
        }

        try
        {
            Data(chunk);
        }
        finally
        {
            if (!readingAhead)
            {
                Flow();
            }
        }
    }

    /// <summary>Emits 'end', then, with <c>autoClose</c>, closes the file (Node's <c>autoDestroy</c>); 'close' follows.</summary>
    private void Finish()
    {
        IsEnded = true;
        try
        {
            End();
        }
        finally
        {
            if (_autoClose)
            {
                Destroy();
            }
        }
    }

    /// <summary>
    /// A read failed: with <c>autoClose</c>, the file is closed, then 'error' and 'close'; without, 'error' now and the
    /// stream stops with its descriptor open, as Node's stream without <c>autoDestroy</c>.
    /// </summary>
    private void Fail(Exception error)
    {
        if (_autoClose)
        {
            Destroy(error);
            return;
        }

        _errored = true;
        Error(error);
    }
}
