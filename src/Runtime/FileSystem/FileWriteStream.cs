using System.Text;
using Loopwire.Internal;
using Microsoft.Win32.SafeHandles;

namespace Loopwire;

/// <summary>
/// A file written as a stream: Node's <c>fs.WriteStream</c>, made by <see cref="Fs.CreateWriteStream(string, string, int, long, bool)"/>.
/// The file is opened on the work pool ('open', then 'ready'); writes are copied, queued on the loop and written in
/// order on the pool, one at a time, from <c>start</c> on. <see cref="Write(ReadOnlyMemory{byte})"/> returns false
/// once the high-water mark is queued, and 'drain' says when the queue has emptied. <see cref="Cork"/> holds writes
/// back until <see cref="Uncork"/>. <see cref="End"/> lets the queue finish: 'finish' once every byte is written, then
/// the file is closed (after an <c>fsync</c> with <c>flush</c>) and 'close' follows.
/// </summary>
/// <remarks>
/// <para>
/// Not a <see cref="Handle"/>, as Node's stream owns no libuv handle either: the pool request under way (the open, a
/// write, the close) keeps the loop alive, as any request does (L1, L12); an idle stream that was not ended does not,
/// and its file stays open. A failure (the open, a write) is 'error', then 'close'; with no 'error' listener the error
/// is thrown on the loop (E2).
/// </para>
/// <para>
/// A stream over an open descriptor (Node's <c>fd</c> option, <see cref="Fs.CreateWriteStream(SafeFileHandle, long?, int, bool, bool)"/>)
/// has no 'open' or 'ready' and no <see cref="Path"/>, as Node's. Without <c>autoClose</c> it leaves the descriptor
/// open after 'finish' or a failed write, and emits no 'close' then, as Node's stream is not destroyed; only
/// <see cref="Destroy"/> closes it, as Node's <c>destroy()</c> does.
/// </para>
/// </remarks>
[EventEmitter]
public sealed partial class FileWriteStream : IWritableStream, IChunkKeeper
{
    private static readonly Action<object?> EmitFinish = static stream => ((FileWriteStream)stream!).OnFinished();

    private readonly EventLoop _loop;
    private readonly WriteBacklog _backlog;
    private readonly Action<Exception?, SafeFileHandle?> _onOpened;
    private readonly Action<Exception?, int> _onWritten;

    /// <summary>Chunks gathered in one write at most: well under the kernel's <c>IOV_MAX</c> (1024).</summary>
    private const int MostChunksPerWrite = 256;

    private readonly StreamFile _file;
    private readonly List<ReadOnlyMemory<byte>> _batch = []; // the chunks of the write under way, read by the pool thread meanwhile
    private readonly bool _autoClose;
    private readonly bool _atOffset; // no start was given for a descriptor: write at its own offset, as Node's position null
    private long _position;

    private bool _opening = true;
    private bool _writing;
    private bool _finishing;
    private bool _errored; // a write failed without autoClose: the stream stops, not destroyed (Node's errored)

    internal FileWriteStream(EventLoop loop, string path, OpenFlags flags, long start, int highWaterMark, bool flush)
        : this(loop, path, start, highWaterMark, autoClose: true, flush)
    {
        loop.QueueWork(static open => FileOperations.Open(open.Path, open.Flags), (Path: path, Flags: flags), _onOpened);
    }

    internal FileWriteStream(EventLoop loop, SafeFileHandle file, long? start, int highWaterMark, bool autoClose, bool flush)
        : this(loop, path: null, start, highWaterMark, autoClose, flush)
    {
        _opening = false;
        _file.Handle = file;
    }

    private FileWriteStream(EventLoop loop, string? path, long? start, int highWaterMark, bool autoClose, bool flush)
    {
        _loop = loop;
        Path = path;
        _atOffset = start is null;
        _position = start ?? 0;
        _autoClose = autoClose;
        _backlog = new WriteBacklog(highWaterMark);
        _onOpened = OnOpened;
        _onWritten = OnWritten;
        _file = new StreamFile(loop, Error, Closed, flush);
    }

    /// <summary>The file's path, as given (Node's <c>path</c>); null for a stream over a descriptor, as Node's is undefined.</summary>
    public string? Path { get; }

    /// <summary>Queued bytes at which <see cref="Write(ReadOnlyMemory{byte})"/> starts returning false (Node's <c>writableHighWaterMark</c>).</summary>
    public int HighWaterMark => _backlog.HighWaterMark;

    /// <summary>Bytes written to the file so far (Node's <c>bytesWritten</c>).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Bytes queued and not yet written, including the write under way (Node's <c>writableLength</c>).</summary>
    public int WritableLength => _backlog.Length;

    /// <inheritdoc/>
    public EventLoop Loop => _loop;

    /// <summary>Whether <see cref="End"/> has been called (Node's <c>writableEnded</c>).</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Whether 'finish' has been emitted: every byte was written (Node's <c>writableFinished</c>).</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Whether the stream was destroyed: it finished, failed, or <see cref="Destroy"/> was called (Node's <c>destroyed</c>).</summary>
    public bool IsDestroyed { get; private set; }

    /// <summary>How many <see cref="Cork"/> calls wait for their <see cref="Uncork"/> (Node's <c>writableCorked</c>).</summary>
    public int WritableCorked { get; private set; }

    /// <summary>Queues a copy of <paramref name="chunk"/> for the file (so the caller may reuse its buffer at once).</summary>
    /// <param name="chunk">The bytes to write.</param>
    /// <returns>
    /// Whether fewer than <see cref="HighWaterMark"/> bytes are queued: false asks the caller to wait for 'drain'.
    /// Always false once the stream is destroyed; the bytes are then dropped.
    /// </returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread, or after <see cref="End"/> (Node's write after end).</exception>
    public bool Write(ReadOnlyMemory<byte> chunk) => Write(chunk, keep: false);

    bool IChunkKeeper.WriteKept(ReadOnlyMemory<byte> chunk) => Write(chunk, keep: true);

    private bool Write(ReadOnlyMemory<byte> chunk, bool keep)
    {
        _loop.VerifyLoopThread();
        if (IsEnded)
        {
            throw new InvalidOperationException($"write after end: End() was called on {Name}, so nothing more can be written to it.");
        }

        if (IsDestroyed || _errored)
        {
            return false;
        }

        bool belowMark = _backlog.Accept(chunk, keep);
        Pump();
        return belowMark;
    }

    /// <summary>Queues <paramref name="text"/> encoded as UTF-8, Node's default encoding.</summary>
    /// <param name="text">The text to write.</param>
    /// <returns>As <see cref="Write(ReadOnlyMemory{byte})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread, or after <see cref="End"/>.</exception>
    public bool Write(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Holds writes back (Node's <c>cork()</c>): what is written meanwhile is queued, counted against the high-water
    /// mark, and written together, in one gathering write, once every <see cref="Cork"/> has its <see cref="Uncork"/>
    /// or <see cref="End"/> is called. A write already under way goes on.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Cork()
    {
        _loop.VerifyLoopThread();
        WritableCorked++;
    }

    /// <summary>
    /// Undoes one <see cref="Cork"/> (Node's <c>uncork()</c>); the last one writes what was held back, starting at once.
    /// Without a <see cref="Cork"/> to undo it does nothing, as in Node.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Uncork()
    {
        _loop.VerifyLoopThread();
        if (WritableCorked > 0 && --WritableCorked == 0)
        {
            Pump();
        }
    }

    /// <summary>
    /// Ends the stream (Node's <c>end()</c>), uncorking it however often it was corked, as Node's does: once the
    /// queued bytes are written, 'finish' is emitted, the file is closed and 'close' follows. Calling it again, or on
    /// a destroyed stream, does nothing more.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void End()
    {
        _loop.VerifyLoopThread();
        if (!IsEnded)
        {
            IsEnded = true;
            WritableCorked = 0;
            Pump();
        }
    }

    /// <summary>
    /// Stops the stream (Node's <c>destroy([error])</c>): queued bytes are dropped; once a write under way is done the
    /// file is closed, then 'error' is emitted if <paramref name="error"/> is given, then 'close'. Calling it again,
    /// or after the stream finished and closed, does nothing more. A descriptor given without <c>autoClose</c> is closed too,
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
        _backlog.Clear();
        if (!_opening && !_writing)
        {
            _file.Close();
        }
    }

    /// <inheritdoc/>
    public bool IsWritable => !IsEnded && !IsDestroyed && !_errored;

    void IWritableStream.AddDrainListener(Action listener) => On.Drain(listener);

    void IWritableStream.RemoveDrainListener(Action listener) => Off.Drain(listener);

    void IWritableStream.AddFinishListener(Action listener) => On.Finish(listener);

    void IStream.AddErrorListener(Action<Exception> listener) => On.Error(listener);

    void IStream.AddCloseListener(Action listener) => On.Closed(listener);

    /// <summary>The file is open; not emitted by a stream over a descriptor, as in Node.</summary>
    [Event] partial void Open();

    /// <summary>The stream is ready to write: right after 'open'; not emitted by a stream over a descriptor, as in Node.</summary>
    [Event] partial void Ready();

    /// <summary>Every queued byte has been written (after a write that returned false, unless <see cref="End"/> was called).</summary>
    [Event] partial void Drain();

    /// <summary>After <see cref="End"/>: every byte has been written to the file; 'close' follows once it is closed.</summary>
    [Event] partial void Finish();

    /// <summary>
    /// The open, a write or the <c>flush</c> failed, or <see cref="Destroy"/> was given an error; 'close' follows (after a
    /// failed write only with <c>autoClose</c>). With no listener the error is thrown on the loop (E2).
    /// </summary>
    [Event] partial void Error(Exception error);

    /// <summary>The file is closed (or never opened): the stream's last event.</summary>
    [Event("close")] partial void Closed();

    /// <summary>What the stream is called in messages.</summary>
    private string Name => Path is null ? "the write stream over a descriptor" : $"the write stream for '{Path}'";

    /// <summary>Where the next write starts: the stream's position, or null for the descriptor's own offset.</summary>
    private long? WritePosition => _atOffset ? null : _position;

    /// <summary>
    /// One gathering write, on the pool, at the stream's position, or at the descriptor's own offset when it has none
    /// (at the end of the file for the <c>a</c> flags), its error worded as Node's (with no path for a descriptor).
    /// </summary>
    private static int WriteOffLoop((SafeFileHandle File, List<ReadOnlyMemory<byte>> Chunks, long? Position, string? Path) write)
    {
        try
        {
            return write.Position is long position
                ? FileOperations.Write(write.File, write.Chunks, position)
                : FileOperations.WriteAtOffset(write.File, write.Chunks);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw write.Path is null ? FsErrors.RewordDescriptor(error, "write") : FsErrors.Reword(error, "write", write.Path);
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
            Pump();
        }
    }

    /// <summary>
    /// Starts the next write, or finishes once ended and empty; one write at a time keeps them in order. The write
    /// takes every chunk queued meanwhile, as Node's write stream gathers its buffer into one <c>writev</c>: many small
    /// writes cost one pool request, not one each. A corked stream holds them all back.
    /// </summary>
    private void Pump()
    {
        if (IsDestroyed || _errored || _opening || _writing || _finishing || (WritableCorked > 0 && !IsEnded))
        {
            return;
        }

        if (_backlog.TryTakeAll(_batch, MostChunksPerWrite))
        {
            _writing = true;
            _loop.QueueWork(WriteOffLoop, (_file.Handle!, _batch, WritePosition, Path), _onWritten);
        }
        else if (IsEnded)
        {
            _finishing = true;
            _loop.Defer(LoopCallback.ForTarget(EmitFinish, this)); // as Node emits 'finish': after the current callback
        }
    }

    private void OnWritten(Exception? error, int written)
    {
        _writing = false;
        _batch.Clear();
        if (IsDestroyed)
        {
            _file.Close(); // destroyed while the write was on the pool
            return;
        }

        if (error is not null)
        {
            Fail(error);
            return;
        }

        _position += written;
        BytesWritten += written;
        bool drained = _backlog.Written(written);
        Pump();
        if (drained && !IsEnded)
        {
            Drain();
        }
    }

    /// <summary>Emits 'finish', then, with <c>autoClose</c>, closes the file (Node's <c>autoDestroy</c>); 'close' follows.</summary>
    private void OnFinished()
    {
        if (IsDestroyed)
        {
            return; // destroyed after End, before 'finish'
        }

        IsFinished = true;
        try
        {
            Finish();
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
    /// A write failed: with <c>autoClose</c>, the file is closed, then 'error' and 'close'; without, 'error' now and
    /// the stream stops with its descriptor open and what was queued dropped, as Node's stream without <c>autoDestroy</c>.
    /// </summary>
    private void Fail(Exception error)
    {
        if (_autoClose)
        {
            Destroy(error);
            return;
        }

        _errored = true;
        _backlog.Clear();
        Error(error);
    }
}
