namespace Loopwire;

/// <content>Directories: list, make, remove.</content>
public sealed partial class Fs
{
    /// <summary>Lists the names in a directory, in the order the system gives them, as Node's <c>fs.readdir</c>.</summary>
    /// <param name="path">The directory.</param>
    /// <param name="callback">Runs on the loop with the error (and null), or null and the names (not paths).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public void ReadDir(string path, [RunsOnLoop] Action<Exception?, string[]?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(FileOperations.ReadDir, path, callback);
    }

    /// <summary>Lists the names in a directory; the task completes on the loop thread.</summary>
    /// <param name="path">The directory.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>The names (not paths), in the order the system gives them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public ValueTask<string[]> ReadDirAsync(string path, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(FileOperations.ReadDir, path, cancellationToken));
    }

    /// <summary>
    /// Makes a directory, as Node's <c>fs.mkdir</c>: without <paramref name="recursive"/> the parent must exist and
    /// the directory must not (EEXIST); with it, missing parents are made and an existing directory is fine.
    /// </summary>
    /// <param name="path">The directory to make.</param>
    /// <param name="recursive">Whether to make missing parents too.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public void MkDir(string path, bool recursive, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.MkDir(path, recursive), callback);
    }

    /// <summary>Makes a directory whose parent exists, as Node's <c>fs.mkdir(path, callback)</c>.</summary>
    /// <param name="path">The directory to make.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public void MkDir(string path, [RunsOnLoop] Action<Exception?> callback) => MkDir(path, recursive: false, callback);

    /// <summary>Makes a directory, as <see cref="MkDir(string, bool, Action{Exception?})"/>; the task completes on the loop thread.</summary>
    /// <param name="path">The directory to make.</param>
    /// <param name="recursive">Whether to make missing parents too.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the directory exists.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public ValueTask MkDirAsync(string path, bool recursive = false, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(static call => FileOperations.MkDir(call.path, call.recursive), (path, recursive), cancellationToken));
    }

    /// <summary>
    /// Removes a file or directory, as Node's <c>fs.rm</c>: a directory only with <paramref name="recursive"/>
    /// (EISDIR otherwise), and a missing path is an error (ENOENT) unless <paramref name="force"/>.
    /// </summary>
    /// <param name="path">The file or directory.</param>
    /// <param name="recursive">Whether to remove a directory with everything in it.</param>
    /// <param name="force">Whether a missing path is fine.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public void Rm(string path, bool recursive, bool force, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.Rm(path, recursive, force), callback);
    }

    /// <summary>Removes a file, as Node's <c>fs.rm(path, callback)</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public void Rm(string path, [RunsOnLoop] Action<Exception?> callback) => Rm(path, recursive: false, force: false, callback);

    /// <summary>Removes a file or directory, as <see cref="Rm(string, bool, bool, Action{Exception?})"/>; the task completes on the loop thread.</summary>
    /// <param name="path">The file or directory.</param>
    /// <param name="recursive">Whether to remove a directory with everything in it.</param>
    /// <param name="force">Whether a missing path is fine.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the path is gone.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public ValueTask RmAsync(string path, bool recursive = false, bool force = false, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(static call => FileOperations.Rm(call.path, call.recursive, call.force), (path, recursive, force), cancellationToken));
    }
}
