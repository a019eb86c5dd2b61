using Microsoft.Win32.SafeHandles;

namespace Loopwire;

/// <content>Open files: open, positioned reads and writes, fstat, ftruncate, fsync, close.</content>
public sealed partial class Fs
{
    /// <summary>
    /// Opens a file, as Node's <c>fs.open</c>, for <see cref="Read"/>, <see cref="Write"/> and <see cref="Close"/>.
    /// The handle is .NET's <see cref="SafeFileHandle"/>, so it also works with <see cref="RandomAccess"/> and
    /// <see cref="FileStream"/>; dispose or <see cref="Close"/> it when done.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="flags">
    /// Node's flags: <c>r</c>, <c>r+</c> (must exist), <c>w</c>, <c>w+</c> (created or truncated), <c>wx</c>,
    /// <c>wx+</c> (must not exist), <c>a</c>, <c>a+</c> (created if missing; every write goes to the end, whatever
    /// its position, as on Linux), <c>ax</c>, <c>ax+</c> (the same, and must not exist).
    /// </param>
    /// <param name="callback">Runs on the loop with the error (and null), or null and the open file.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character, or <paramref name="flags"/> is not one of Node's.</exception>
    public void Open(string path, string flags, [RunsOnLoop] Action<Exception?, SafeFileHandle?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(static call => FileOperations.Open(call.path, call.flags), (path, flags: OpenFlags.Parse(flags, nameof(flags))), callback);
    }

    /// <summary>Opens a file, as <see cref="Open"/>; the task completes on the loop thread.</summary>
    /// <param name="path">The file.</param>
    /// <param name="flags">Node's flags, as for <see cref="Open"/>; reading by default.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>The open file.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character, or <paramref name="flags"/> is not one of Node's.</exception>
    public ValueTask<SafeFileHandle> OpenAsync(string path, string flags = "r", CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(flags);
        return new(_loop.QueueWorkAsync(static call => FileOperations.Open(call.path, call.flags), (path, flags: OpenFlags.Parse(flags, nameof(flags))), cancellationToken));
    }

    /// <summary>Reads from <paramref name="position"/> into <paramref name="buffer"/>, as Node's <c>fs.read</c>.</summary>
    /// <param name="file">A file opened for reading.</param>
    /// <param name="buffer">Where the bytes go; leave it alone until the callback runs.</param>
    /// <param name="position">The file offset to read from.</param>
    /// <param name="callback">Runs on the loop with the error, or null and the number of bytes read (0 at the end of the file).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="file"/> is closed.</exception>
    public void Read(SafeFileHandle file, Memory<byte> buffer, long position, [RunsOnLoop] Action<Exception?, int> callback)
    {
        ThrowIfUnusable(file, position);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(static call => FileOperations.Read(call.file, call.buffer, call.position), (file, buffer, position), callback);
    }

    /// <summary>Reads from <paramref name="position"/>, as <see cref="Read"/>; the task completes on the loop thread.</summary>
    /// <param name="file">A file opened for reading.</param>
    /// <param name="buffer">Where the bytes go; leave it alone until the task completes.</param>
    /// <param name="position">The file offset to read from.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>The number of bytes read; 0 at the end of the file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="file"/> is closed.</exception>
    public ValueTask<int> ReadAsync(SafeFileHandle file, Memory<byte> buffer, long position, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable(file, position);
        return new(_loop.QueueWorkAsync(static call => FileOperations.Read(call.file, call.buffer, call.position), (file, buffer, position), cancellationToken));
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="position"/>, as Node's <c>fs.write</c>; all of it, or an error.</summary>
    /// <param name="file">A file opened for writing.</param>
    /// <param name="data">The bytes; leave them alone until the callback runs.</param>
    /// <param name="position">The file offset to write at (ignored by files opened with <c>a</c>, which append).</param>
    /// <param name="callback">Runs on the loop with the error, or null and the number of bytes written.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="file"/> is closed.</exception>
    public void Write(SafeFileHandle file, ReadOnlyMemory<byte> data, long position, [RunsOnLoop] Action<Exception?, int> callback)
    {
        ThrowIfUnusable(file, position);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(static call => FileOperations.Write(call.file, call.data, call.position), (file, data, position), callback);
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="position"/>, as <see cref="Write"/>; the task completes on the loop thread.</summary>
    /// <param name="file">A file opened for writing.</param>
    /// <param name="data">The bytes; leave them alone until the task completes.</param>
    /// <param name="position">The file offset to write at (ignored by files opened with <c>a</c>, which append).</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>The number of bytes written: all of them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="file"/> is closed.</exception>
    public ValueTask<int> WriteAsync(SafeFileHandle file, ReadOnlyMemory<byte> data, long position, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable(file, position);
        return new(_loop.QueueWorkAsync(static call => FileOperations.Write(call.file, call.data, call.position), (file, data, position), cancellationToken));
    }

    /// <summary>Reads an open file's status, as Node's <c>fs.fstat</c>.</summary>
    /// <param name="file">The open file.</param>
    /// <param name="callback">Runs on the loop with the error (and a default status), or null and the status.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="file"/> is closed.</exception>
    public void FStat(SafeFileHandle file, [RunsOnLoop] Action<Exception?, FileStat> callback)
    {
        ThrowIfUnusable(file);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(FileOperations.FStat, file, callback);
    }

    /// <summary>Reads an open file's status, as <see cref="FStat"/>; the task completes on the loop thread.</summary>
    /// <param name="file">The open file.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="file"/> is closed.</exception>
    public ValueTask<FileStat> FStatAsync(SafeFileHandle file, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable(file);
        return new(_loop.QueueWorkAsync(FileOperations.FStat, file, cancellationToken));
    }

    /// <summary>
    /// Cuts an open file to <paramref name="length"/> bytes, or extends it with zeros, as Node's <c>fs.ftruncate</c>;
    /// a negative length is 0, as Node clamps it, and a file not open for writing is <c>EINVAL: invalid argument, ftruncate</c>.
    /// </summary>
    /// <param name="file">A file opened for writing.</param>
    /// <param name="length">The new length in bytes.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="file"/> is closed.</exception>
    public void FTruncate(SafeFileHandle file, long length, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfUnusable(file);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.FTruncate(file, length), callback);
    }

    /// <summary>Cuts or extends an open file, as <see cref="FTruncate"/>; the task completes on the loop thread.</summary>
    /// <param name="file">A file opened for writing.</param>
    /// <param name="length">The new length in bytes; by default 0, as Node's.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the file has its new length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="file"/> is closed.</exception>
    public ValueTask FTruncateAsync(SafeFileHandle file, long length = 0, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable(file);
        return new(_loop.QueueWorkAsync(static call => FileOperations.FTruncate(call.file, call.length), (file, length), cancellationToken));
    }

    /// <summary>
    /// Writes an open file's data and metadata through to the storage device, as Node's <c>fs.fsync</c> (.NET's
    /// <see cref="RandomAccess.FlushToDisk"/>, <c>fsync(2)</c> on Unix).
    /// </summary>
    /// <param name="file">The open file.</param>
    /// <param name="callback">Runs on the loop with the error, or null once the device has the data.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="file"/> is closed.</exception>
    public void FSync(SafeFileHandle file, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfUnusable(file);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.FSync(file), callback);
    }

    /// <summary>Writes an open file through to the device, as <see cref="FSync"/>; the task completes on the loop thread.</summary>
    /// <param name="file">The open file.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes once the device has the data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="file"/> is closed.</exception>
    public ValueTask FSyncAsync(SafeFileHandle file, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable(file);
        return new(_loop.QueueWorkAsync(FileOperations.FSync, file, cancellationToken));
    }

    /// <summary>Closes an open file on the pool, as Node's <c>fs.close</c> (closing can block on network file systems).</summary>
    /// <param name="file">The open file.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void Close(SafeFileHandle file, [RunsOnLoop] Action<Exception?> callback)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.Close(file), callback);
    }

    /// <summary>Closes an open file, as <see cref="Close"/>; the task completes on the loop thread.</summary>
    /// <param name="file">The open file.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the file is closed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    public ValueTask CloseAsync(SafeFileHandle file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new(_loop.QueueWorkAsync(FileOperations.Close, file, cancellationToken));
    }

    private static void ThrowIfUnusable(SafeFileHandle file, long position)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ObjectDisposedException.ThrowIf(file.IsClosed, file);
    }

    private static void ThrowIfUnusable(SafeFileHandle file)
    {
        ArgumentNullException.ThrowIfNull(file);
        ObjectDisposedException.ThrowIf(file.IsClosed, file);
    }
}
