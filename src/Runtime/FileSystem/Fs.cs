using System.Runtime.CompilerServices;
using System.Text;

namespace Loopwire;

/// <summary>
/// File system operations in Node's style: each runs on the work pool and completes on the loop thread, as a
/// callback <c>(error, result)</c> or as an awaitable that resumes on the loop. Errors are worded as Node words them
/// (<c>ENOENT: no such file or directory, open '/tmp/x'</c>) in the exception types .NET's file APIs use. Reach it
/// through <see cref="EventLoop.Fs"/>. This file has the whole-file calls and <c>stat</c>; directories, entries and
/// descriptors are in the other parts.
/// </summary>
public sealed partial class Fs
{
    private readonly EventLoop _loop;

    internal Fs(EventLoop loop) => _loop = loop;

    /// <summary>Reads a whole file, as Node's <c>fs.readFile(path, callback)</c>.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="callback">Runs on the loop with the error (and null), or null and the file's bytes.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void ReadFile(string path, [RunsOnLoop] Action<Exception?, byte[]?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(FileOperations.ReadAllBytes, path, callback);
    }

    /// <summary>Reads a whole file as text, as Node's <c>fs.readFile(path, 'utf8', callback)</c>.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="encoding">The file's encoding.</param>
    /// <param name="callback">Runs on the loop with the error (and null), or null and the file's text.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void ReadFile(string path, Encoding encoding, [RunsOnLoop] Action<Exception?, string?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(encoding);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(static file => FileOperations.ReadAllText(file.path, file.encoding), (path, encoding), callback);
    }

    /// <summary>Reads a whole file; the task completes on the loop thread.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="cancellationToken">Cancels the read while it waits for a pool thread.</param>
    /// <returns>The file's bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public ValueTask<byte[]> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(FileOperations.ReadAllBytes, path, cancellationToken));
    }

    /// <summary>Reads a whole file as text; the task completes on the loop thread.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="encoding">The file's encoding, or null for UTF-8.</param>
    /// <param name="cancellationToken">Cancels the read while it waits for a pool thread.</param>
    /// <returns>The file's text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public ValueTask<string> ReadTextFileAsync(string path, Encoding? encoding = null, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(static file => FileOperations.ReadAllText(file.path, file.encoding), (path, encoding: encoding ?? Encoding.UTF8), cancellationToken));
    }

    /// <summary>Replaces a file's contents, creating it if needed, as Node's <c>fs.writeFile</c>.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="data">The new contents; not copied, so leave it unchanged until the callback runs.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void WriteFile(string path, ReadOnlyMemory<byte> data, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.WriteAllBytes(path, data), callback);
    }

    /// <summary>Replaces a file's contents with UTF-8 text, creating it if needed.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="text">The new contents.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void WriteFile(string path, string text, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.WriteAllText(path, text), callback);
    }

    /// <summary>Replaces a file's contents, creating it if needed; the task completes on the loop thread.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="data">The new contents; not copied, so leave it unchanged until the task completes.</param>
    /// <param name="cancellationToken">Cancels the write while it waits for a pool thread.</param>
    /// <returns>A task that completes when the file is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public ValueTask WriteFileAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(static file => FileOperations.WriteAllBytes(file.path, file.data), (path, data), cancellationToken));
    }

    /// <summary>Replaces a file's contents with UTF-8 text; the task completes on the loop thread.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="text">The new contents.</param>
    /// <param name="cancellationToken">Cancels the write while it waits for a pool thread.</param>
    /// <returns>A task that completes when the file is written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ValueTask WriteFileAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(text);
        return new(_loop.QueueWorkAsync(static file => FileOperations.WriteAllText(file.path, file.text), (path, text), cancellationToken));
    }

    /// <summary>Appends bytes to a file, creating it if needed, as Node's <c>fs.appendFile</c>.</summary>
    /// <param name="path">The file to append to.</param>
    /// <param name="data">The bytes to add; not copied, so leave them unchanged until the callback runs.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void AppendFile(string path, ReadOnlyMemory<byte> data, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.AppendAllBytes(path, data), callback);
    }

    /// <summary>Appends UTF-8 text to a file, creating it if needed, as Node's <c>fs.appendFile</c>.</summary>
    /// <param name="path">The file to append to.</param>
    /// <param name="text">The text to add.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void AppendFile(string path, string text, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.AppendAllText(path, text), callback);
    }

    /// <summary>Appends bytes to a file, creating it if needed; the task completes on the loop thread.</summary>
    /// <param name="path">The file to append to.</param>
    /// <param name="data">The bytes to add; not copied, so leave them unchanged until the task completes.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the bytes are written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public ValueTask AppendFileAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(static file => FileOperations.AppendAllBytes(file.path, file.data), (path, data), cancellationToken));
    }

    /// <summary>Appends UTF-8 text to a file, creating it if needed; the task completes on the loop thread.</summary>
    /// <param name="path">The file to append to.</param>
    /// <param name="text">The text to add.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the text is written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ValueTask AppendFileAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(text);
        return new(_loop.QueueWorkAsync(static file => FileOperations.AppendAllText(file.path, file.text), (path, text), cancellationToken));
    }

    /// <summary>Reads a file's or directory's status, as Node's <c>fs.stat</c>.</summary>
    /// <param name="path">The file or directory.</param>
    /// <param name="callback">Runs on the loop with the error (and a default status), or null and the status.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public void Stat(string path, [RunsOnLoop] Action<Exception?, FileStat> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(static path => FileStat.Of(path), path, callback);
    }

    /// <summary>Reads a file's or directory's status; the task completes on the loop thread.</summary>
    /// <param name="path">The file or directory.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public ValueTask<FileStat> StatAsync(string path, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(static path => FileStat.Of(path), path, cancellationToken));
    }

    /// <summary>As Node's fs functions, rejects at the call a path the system would cut short at a null character.</summary>
    private static void ThrowIfInvalidPath(string path, [CallerArgumentExpression(nameof(path))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(path, name);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The path contains a null character ('\\0'); a file name cannot contain one.", name);
        }
    }
}
