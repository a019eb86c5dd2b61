using System.Text;
using Loopwire.Internal;
using Loopwire.Internal.Linux;
using Loopwire.Processes;

namespace Loopwire;

/// <summary>
/// This process's stdout or stderr as a writable stream (<see cref="EventLoop.Stdout"/>, <see cref="EventLoop.Stderr"/>),
/// as Node's <c>process.stdout</c> and <c>process.stderr</c>, which on Linux write synchronously to files, pipes and
/// terminals alike: each <see cref="Write(ReadOnlyMemory{byte})"/> has reached the descriptor when it returns, so
/// nothing waits in memory, 'drain' is never owed, and what <c>Console.Write</c> wrote before comes before it.
/// </summary>
/// <remarks>
/// A write that fails destroys the stream: 'error' (<c>write EPIPE</c> once the reader of a pipe is gone, as in Node,
/// where .NET's <see cref="Console"/> drops such writes silently), then 'close'; with no 'error' listener the error is
/// thrown on the loop (E2), so a program writing into a closed pipe stops, as Node's does. <see cref="End"/> emits
/// 'finish', then 'close'; the descriptor stays open, so <see cref="Console"/> can still write to it. On Unix the
/// bytes go to the descriptor with <c>write(2)</c>; on Windows, through the console stream.
/// </remarks>
[EventEmitter]
public sealed partial class SyncWriteStream : IWritableStream
{
    private static readonly Action<object?> EmitFinish = static stream => ((SyncWriteStream)stream!).OnFinished();
    private static readonly Action<object?> EmitDestroyed = static stream => ((SyncWriteStream)stream!).OnDestroyed();

    private readonly EventLoop _loop;
    private readonly int _fd;
    private readonly Func<Stream> _openOnWindows;
    private Stream? _windowsStream;
    private bool _ended;
    private Exception? _destroyError;

    internal SyncWriteStream(EventLoop loop, int fd, Func<Stream> openOnWindows)
    {
        _loop = loop;
        _fd = fd;
        _openOnWindows = openOnWindows;
    }

    /// <inheritdoc/>
    public EventLoop Loop => _loop;

    /// <summary>The descriptor written: 1 for stdout, 2 for stderr (Node's <c>fd</c>).</summary>
    public int Fd => _fd;

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Whether 'finish' has been emitted after <see cref="End"/> (Node's <c>writableFinished</c>).</summary>
    public bool IsFinished { get; private set; }

    /// <inheritdoc/>
    public bool IsWritable => !_ended && !IsDestroyed;

    /// <summary>Whether the stream is done: it finished, a write failed, or <see cref="Destroy"/> was called (Node's <c>destroyed</c>).</summary>
    public bool IsDestroyed { get; private set; }

    /// <summary>Writes <paramref name="data"/> now, blocking until the descriptor has taken all of it.</summary>
    /// <param name="data">The bytes to write.</param>
    /// <returns>True, as nothing waits; false once the stream is destroyed, when the bytes are dropped.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread, or after <see cref="End"/> (Node's write after end).</exception>
    public bool Write(ReadOnlyMemory<byte> data)
    {
        _loop.VerifyLoopThread();
        if (_ended)
        {
            throw new InvalidOperationException($"write after end: End() was called on fd {_fd}'s stream, so nothing more can be written to it.");
        }

        if (IsDestroyed)
        {
            return false;
        }

        try
        {
            WriteAll(data.Span);
            BytesWritten += data.Length;
            return true;
        }
        catch (IOException error)
        {
            Destroy(error);
            return false;
        }
    }

    /// <summary>Writes <paramref name="text"/> encoded as UTF-8, Node's default encoding.</summary>
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
    /// Ends the stream (Node's <c>end()</c>): 'finish', then 'close', after the current callback; every byte is
    /// written already. Calling it again, or on a destroyed stream, does nothing more.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void End()
    {
        _loop.VerifyLoopThread();
        if (!_ended && !IsDestroyed)
        {
            _loop.Defer(LoopCallback.ForTarget(EmitFinish, this)); // as Node's: never inside the call
        }

        _ended = true;
    }

    /// <summary>
    /// Stops the stream (Node's <c>destroy([error])</c>): after the current callback 'error' is emitted if
    /// <paramref name="error"/> is given, then 'close'. The descriptor stays open. Calling it again does nothing more.
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
        _destroyError = error;
        _loop.Defer(LoopCallback.ForTarget(EmitDestroyed, this));
    }

    void IWritableStream.AddDrainListener(Action listener)
    {
        // Never owed: a write returns once the descriptor has its bytes, so nothing waits to drain.
    }

    void IWritableStream.RemoveDrainListener(Action listener)
    {
        // Never added: see AddDrainListener.
    }

    void IWritableStream.AddFinishListener(Action listener) => On.Finish(listener);

    void IStream.AddErrorListener(Action<Exception> listener) => On.Error(listener);

    void IStream.AddCloseListener(Action listener) => On.Closed(listener);

    /// <summary>After <see cref="End"/>: every byte was written.</summary>
    [Event] partial void Finish();

    /// <summary>A write failed (<c>write EPIPE</c>), or <see cref="Destroy"/> was given an error; 'close' follows. With no listener the error is thrown on the loop (E2).</summary>
    [Event] partial void Error(Exception error);

    /// <summary>Last: after 'finish', an error, or <see cref="Destroy"/>.</summary>
    [Event("close")] partial void Closed();

    private void WriteAll(ReadOnlySpan<byte> data)
    {
        if (OperatingSystem.IsWindows())
        {
            (_windowsStream ??= _openOnWindows()).Write(data);
            return;
        }

        while (!data.IsEmpty)
        {
            int written = PipeCalls.Write(_fd, data, out int errno);
            if (written >= 0)
            {
                data = data[written..];
            }
            else if (errno == PipeCalls.EAGAIN)
            {
                PipeCalls.WaitWritable(_fd); // a descriptor shared with a process that made it non-blocking
            }
            else if (errno != PipeCalls.EINTR)
            {
                throw SystemErrors.Failed("write", errno);
            }
        }
    }

    private void OnFinished()
    {
        if (IsDestroyed)
        {
            return;
        }

        IsFinished = true;
        try
        {
            Finish();
        }
        finally
        {
            Destroy();
        }
    }

    private void OnDestroyed() => DestroyEvents.Emit(_destroyError, Error, Closed);
}
