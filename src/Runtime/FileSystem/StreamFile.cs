using Loopwire.Internal;
using Microsoft.Win32.SafeHandles;

namespace Loopwire;

/// <summary>
/// The open file behind a file stream, and how the stream ends, as Node's fs streams end: the file is closed on the
/// pool, then the stream emits its error (the one it was destroyed with, else the close's own) and 'close'. A stream
/// with no file (never opened, or failed to open) emits them after the current callback. With <c>flush</c> the file is
/// written through to the device first (Node 20.10's write stream option), its failure the stream's error. Belongs to
/// the loop thread.
/// </summary>
internal sealed class StreamFile
{
    private static readonly Action<object?> EndWithoutFile = static file => ((StreamFile)file!).EmitEnd(null);

    private readonly EventLoop _loop;
    private readonly Action<Exception> _error;
    private readonly Action _closed;
    private readonly Action<Exception?, bool> _onClosed;
    private readonly Func<SafeFileHandle, bool> _close; // on the pool: close, or fsync then close

    /// <summary>Creates the file of a stream whose 'error' and 'close' emits are <paramref name="error"/> and <paramref name="closed"/>.</summary>
    /// <param name="loop">The stream's loop.</param>
    /// <param name="error">Emits the stream's 'error'.</param>
    /// <param name="closed">Emits the stream's 'close'.</param>
    /// <param name="flush">Whether to <c>fsync</c> the file before closing it.</param>
    public StreamFile(EventLoop loop, Action<Exception> error, Action closed, bool flush = false)
    {
        _loop = loop;
        _error = error;
        _closed = closed;
        _close = flush ? FileOperations.FlushAndClose : FileOperations.Close;
        _onClosed = (closeError, _) => EmitEnd(closeError);
    }

    /// <summary>The open file, once the open succeeded (or the descriptor the stream was given); null before, and after <see cref="Close"/>.</summary>
    public SafeFileHandle? Handle { get; set; }

    /// <summary>The error the stream was destroyed with, emitted before 'close'.</summary>
    public Exception? DestroyError { get; set; }

    /// <summary>Closes the file on the pool (after an <c>fsync</c> with <c>flush</c>), then emits the error and 'close'.</summary>
    public void Close()
    {
        if (Handle is null)
        {
            _loop.Defer(LoopCallback.ForTarget(EndWithoutFile, this));
        }
        else
        {
            _loop.QueueWork(_close, Handle, _onClosed);
            Handle = null;
        }
    }

    private void EmitEnd(Exception? closeError)
    {
        Exception? failure = DestroyError ?? closeError;
        DestroyError = null;
        try
        {
            if (failure is not null)
            {
                _error(failure);
            }
        }
        finally
        {
            _closed();
        }
    }
}
