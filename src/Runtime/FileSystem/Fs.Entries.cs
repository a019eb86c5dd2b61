namespace Loopwire;

/// <content>Entries: rename, copy, unlink.</content>
public sealed partial class Fs
{
    /// <summary>Moves a file or directory, replacing a file at the destination, as Node's <c>fs.rename</c>.</summary>
    /// <param name="source">The path to move.</param>
    /// <param name="destination">Its new path.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A path contains a null character.</exception>
    public void Rename(string source, string destination, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(source);
        ThrowIfInvalidPath(destination);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.Rename(source, destination), callback);
    }

    /// <summary>Moves a file or directory, as <see cref="Rename"/>; the task completes on the loop thread.</summary>
    /// <param name="source">The path to move.</param>
    /// <param name="destination">Its new path.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the path has moved.</returns>
    /// <exception cref="ArgumentNullException">A path is null.</exception>
    /// <exception cref="ArgumentException">A path contains a null character.</exception>
    public ValueTask RenameAsync(string source, string destination, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(source);
        ThrowIfInvalidPath(destination);
        return new(_loop.QueueWorkAsync(static call => FileOperations.Rename(call.source, call.destination), (source, destination), cancellationToken));
    }

    /// <summary>Copies a file, replacing the destination, as Node's <c>fs.copyFile</c>.</summary>
    /// <param name="source">The file to copy.</param>
    /// <param name="destination">The copy's path.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A path contains a null character.</exception>
    public void CopyFile(string source, string destination, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(source);
        ThrowIfInvalidPath(destination);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.CopyFile(source, destination), callback);
    }

    /// <summary>Copies a file, as <see cref="CopyFile"/>; the task completes on the loop thread.</summary>
    /// <param name="source">The file to copy.</param>
    /// <param name="destination">The copy's path.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the copy is written.</returns>
    /// <exception cref="ArgumentNullException">A path is null.</exception>
    /// <exception cref="ArgumentException">A path contains a null character.</exception>
    public ValueTask CopyFileAsync(string source, string destination, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(source);
        ThrowIfInvalidPath(destination);
        return new(_loop.QueueWorkAsync(static call => FileOperations.CopyFile(call.source, call.destination), (source, destination), cancellationToken));
    }

    /// <summary>Deletes a file, as Node's <c>fs.unlink</c>: a missing file is ENOENT, a directory EISDIR.</summary>
    /// <param name="path">The file.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public void Unlink(string path, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.Unlink(path), callback);
    }

    /// <summary>Deletes a file, as <see cref="Unlink"/>; the task completes on the loop thread.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the file is gone.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public ValueTask UnlinkAsync(string path, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(FileOperations.Unlink, path, cancellationToken));
    }
}
