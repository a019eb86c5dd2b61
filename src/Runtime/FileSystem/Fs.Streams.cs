using Loopwire.Internal.Linux;
using Microsoft.Win32.SafeHandles;

namespace Loopwire;

/// <content>File streams: Node's fs.createReadStream and fs.createWriteStream.</content>
public sealed partial class Fs
{
    /// <summary>
    /// Reads a file as a stream, as Node's <c>fs.createReadStream(path, { start, end, highWaterMark })</c>: the
    /// file is opened on the pool and read from <paramref name="start"/> to <paramref name="end"/> (inclusive), each
    /// read's bytes emitted as 'data' on the loop.
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <param name="start">The offset of the first byte to read.</param>
    /// <param name="end">The offset of the last byte to read (inclusive, as in Node), or null to read to the end of the file.</param>
    /// <param name="highWaterMark">The most bytes one read asks for, so the largest 'data' chunk: Node's 64 KiB by default.</param>
    /// <returns>The stream; subscribe with <c>stream.On.Data(chunk =&gt; ...)</c> before returning to the loop.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="start"/> is negative, <paramref name="end"/> is before <paramref name="start"/>, or
    /// <paramref name="highWaterMark"/> is less than 1.
    /// </exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public FileReadStream CreateReadStream(string path, long start = 0, long? end = null, int highWaterMark = 64 * 1024)
    {
        ThrowIfInvalidPath(path);
        ThrowIfInvalidRange(start, end);
        ArgumentOutOfRangeException.ThrowIfLessThan(highWaterMark, 1);
        return new FileReadStream(_loop, path, start, end, highWaterMark);
    }

    /// <summary>
    /// Reads an open file as a stream, as Node's <c>fs.createReadStream(null, { fd, start, end, highWaterMark, autoClose })</c>:
    /// no open, so no 'open' or 'ready'; reads start at once, on the pool, from <paramref name="start"/>, or from the
    /// descriptor's own offset, which they then move on, as Node's <c>read</c> with no position.
    /// </summary>
    /// <param name="file">A file opened for reading, with <see cref="Open"/> or .NET's <see cref="File.OpenHandle"/>.</param>
    /// <param name="start">The offset of the first byte to read, or null to read from the descriptor's own offset (64-bit Linux only).</param>
    /// <param name="end">
    /// The offset of the last byte to read (inclusive), counted from the file's start, or, with no
    /// <paramref name="start"/>, from where reading starts, as in Node; null to read to the end of the file.
    /// </param>
    /// <param name="highWaterMark">The most bytes one read asks for, so the largest 'data' chunk: Node's 64 KiB by default.</param>
    /// <param name="autoClose">
    /// Whether to close <paramref name="file"/> after 'end' or a failed read, then emit 'close' (Node's default);
    /// false leaves it open for you to close and emits no 'close' then. <see cref="FileReadStream.Destroy"/> closes it either way, as Node's does.
    /// </param>
    /// <returns>The stream; subscribe with <c>stream.On.Data(chunk =&gt; ...)</c> before returning to the loop.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="file"/> is closed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="start"/> or <paramref name="end"/> is negative, <paramref name="end"/> is before
    /// <paramref name="start"/>, or <paramref name="highWaterMark"/> is less than 1.
    /// </exception>
    /// <exception cref="PlatformNotSupportedException"><paramref name="start"/> is null off 64-bit Linux.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public FileReadStream CreateReadStream(SafeFileHandle file, long? start = null, long? end = null, int highWaterMark = 64 * 1024, bool autoClose = true)
    {
        _loop.VerifyLoopThread();
        ThrowIfUnusable(file);
        ThrowIfInvalidRange(start, end);
        ArgumentOutOfRangeException.ThrowIfLessThan(highWaterMark, 1);
        ThrowIfNoOffsetCalls(start);
        return new FileReadStream(_loop, file, start, end, highWaterMark, autoClose);
    }

    /// <summary>
    /// Writes a file as a stream, as Node's <c>fs.createWriteStream(path, { flags, highWaterMark, start, flush })</c>:
    /// the file is opened on the pool and each write is written there, in order, one at a time, from <paramref name="start"/> on.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="flags">
    /// Node's open flags, as for <see cref="Open"/>: <c>w</c> (created or truncated) by default, <c>a</c> to append,
    /// <c>r+</c> to overwrite from <paramref name="start"/> and keep the rest of the file.
    /// </param>
    /// <param name="highWaterMark">Queued bytes at which <c>Write</c> starts returning false: Node's 16 KiB by default.</param>
    /// <param name="start">
    /// The offset of the first byte to write; what comes before it is kept with <c>r+</c>, zeros with <c>w</c>,
    /// which empties the file first; ignored by the <c>a</c> flags, which append, as on Linux.
    /// </param>
    /// <param name="flush">Whether to <c>fsync</c> the file before closing it, so its bytes are on the device before 'close' (Node 20.10's <c>flush</c>).</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="flags"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character, or <paramref name="flags"/> is not one of Node's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="highWaterMark"/> is less than 1, or <paramref name="start"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public FileWriteStream CreateWriteStream(string path, string flags = "w", int highWaterMark = 16 * 1024, long start = 0, bool flush = false)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(flags);
        OpenFlags parsed = OpenFlags.Parse(flags, nameof(flags));
        ArgumentOutOfRangeException.ThrowIfLessThan(highWaterMark, 1);
        ThrowIfNegativeStart(start);
        return new FileWriteStream(_loop, path, parsed, start, highWaterMark, flush);
    }

    /// <summary>
    /// Writes an open file as a stream, as Node's <c>fs.createWriteStream(null, { fd, start, highWaterMark, autoClose, flush })</c>:
    /// no open, so no 'open' or 'ready'; each write is written on the pool, in order, from <paramref name="start"/> on,
    /// or at the descriptor's own offset, which it then moves on, as Node's <c>write</c> with no position.
    /// </summary>
    /// <param name="file">A file opened for writing, with <see cref="Open"/> or .NET's <see cref="File.OpenHandle"/>.</param>
    /// <param name="start">The offset of the first byte to write, or null to write at the descriptor's own offset (64-bit Linux only).</param>
    /// <param name="highWaterMark">Queued bytes at which <c>Write</c> starts returning false: Node's 16 KiB by default.</param>
    /// <param name="autoClose">
    /// Whether to close <paramref name="file"/> after 'finish' or a failed write, then emit 'close' (Node's default);
    /// false leaves it open for you to close and emits no 'close' then. <see cref="FileWriteStream.Destroy"/> closes it either way, as Node's does.
    /// </param>
    /// <param name="flush">Whether to <c>fsync</c> the file before the stream closes it (Node 20.10's <c>flush</c>).</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="file"/> is closed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="highWaterMark"/> is less than 1, or <paramref name="start"/> is negative.</exception>
    /// <exception cref="PlatformNotSupportedException"><paramref name="start"/> is null off 64-bit Linux.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public FileWriteStream CreateWriteStream(SafeFileHandle file, long? start = null, int highWaterMark = 16 * 1024, bool autoClose = true, bool flush = false)
    {
        _loop.VerifyLoopThread();
        ThrowIfUnusable(file);
        ArgumentOutOfRangeException.ThrowIfLessThan(highWaterMark, 1);
        if (start is long first)
        {
            ThrowIfNegativeStart(first);
        }

        ThrowIfNoOffsetCalls(start);
        return new FileWriteStream(_loop, file, start, highWaterMark, autoClose, flush);
    }

    private static void ThrowIfInvalidRange(long? start, long? end)
    {
        if (start is long first)
        {
            ThrowIfNegativeStart(first);
        }

        if (end < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The end ({end}) is negative; end is the offset of the last byte to read, inclusive: give 0 or more, or null to read to the end of the file.");
        }

        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The end ({end}) is before the start ({start}); end is the offset of the last byte to read, inclusive.");
        }
    }

    private static void ThrowIfNegativeStart(long start)
    {
        if (start < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"The start ({start}) is negative; start is the byte offset where the stream begins in the file: give 0 or more.");
        }
    }

    /// <summary>A stream over a descriptor with no start uses the descriptor's own offset, which only <c>lseek</c> reads.</summary>
    private static void ThrowIfNoOffsetCalls(long? start)
    {
        if (start is null && !FileCalls.CanSeek)
        {
            throw new PlatformNotSupportedException(
                "With no start, a stream over a descriptor reads or writes at the descriptor's own offset, which Loopwire reaches with lseek(2) on 64-bit Linux only: give a start.");
        }
    }
}
