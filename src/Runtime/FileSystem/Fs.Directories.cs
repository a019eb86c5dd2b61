namespace Loopwire;

/// <content>Directories: list, make, make a temporary one, remove.</content>
public sealed partial class Fs
{
    /// <summary>Lists the names in a directory, sorted as libuv's <c>scandir</c> sorts them, as Node's <c>fs.readdir</c>.</summary>
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
    /// <returns>The names (not paths), sorted by ordinal comparison.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public ValueTask<string[]> ReadDirAsync(string path, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(FileOperations.ReadDir, path, cancellationToken));
    }

    /// <summary>
    /// Lists a directory's entries with what each is, as Node's <c>fs.readdir(path, { withFileTypes: true })</c>:
    /// sorted by name, as libuv sorts them, and a link reported as a link. On 64-bit Linux the types come from the
    /// directory itself, as libuv's do, with no <c>stat</c> per entry.
    /// </summary>
    /// <param name="path">The directory.</param>
    /// <param name="withFileTypes">Must be true: <see cref="ReadDir(string, Action{Exception?, string[]})"/> lists names alone.</param>
    /// <param name="callback">Runs on the loop with the error (and null), or null and the entries.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character, or <paramref name="withFileTypes"/> is false.</exception>
    public void ReadDir(string path, bool withFileTypes, [RunsOnLoop] Action<Exception?, Dirent[]?> callback)
    {
        ThrowIfInvalidPath(path);
        ThrowIfNamesOnly(withFileTypes);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(FileOperations.ReadDirTypes, path, callback);
    }

    /// <summary>Lists a directory's entries with what each is, as <see cref="ReadDir(string, bool, Action{Exception?, Dirent[]})"/>; the task completes on the loop thread.</summary>
    /// <param name="path">The directory.</param>
    /// <param name="withFileTypes">Must be true: <see cref="ReadDirAsync(string, CancellationToken)"/> lists names alone.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>The entries, sorted by name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character, or <paramref name="withFileTypes"/> is false.</exception>
    public ValueTask<Dirent[]> ReadDirAsync(string path, bool withFileTypes, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        ThrowIfNamesOnly(withFileTypes);
        return new(_loop.QueueWorkAsync(FileOperations.ReadDirTypes, path, cancellationToken));
    }

    /// <summary>
    /// Makes a new directory whose name is <paramref name="prefix"/> and six random characters, as Node's
    /// <c>fs.mkdtemp</c>: made with <c>mkdtemp(3)</c>, as libuv's, so only under a name no entry had, readable and
    /// writable by its owner alone. The prefix is a path: <c>Path.Combine(Path.GetTempPath(), "app-")</c>, as Node's
    /// <c>path.join(os.tmpdir(), 'app-')</c>. Linux only.
    /// </summary>
    /// <param name="prefix">The new directory's path up to the random characters.</param>
    /// <param name="callback">Runs on the loop with the error (and null), or null and the directory's path.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> contains a null character.</exception>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    public void MkDtemp(string prefix, [RunsOnLoop] Action<Exception?, string?> callback)
    {
        ThrowIfInvalidPath(prefix);
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfNoMkdtemp();
        _loop.QueueWork(FileOperations.MkDtemp, prefix, callback);
    }

    /// <summary>Makes a new uniquely named directory, as <see cref="MkDtemp"/>; the task completes on the loop thread.</summary>
    /// <param name="prefix">The new directory's path up to the random characters.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>The new directory's path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> contains a null character.</exception>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    public ValueTask<string> MkDtempAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(prefix);
        ThrowIfNoMkdtemp();
        return new(_loop.QueueWorkAsync(FileOperations.MkDtemp, prefix, cancellationToken));
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

    private static void ThrowIfNamesOnly(bool withFileTypes)
    {
        if (!withFileTypes)
        {
            throw new ArgumentException("withFileTypes must be true here; ReadDir(path, callback) and ReadDirAsync(path) list names alone.", nameof(withFileTypes));
        }
    }

    private static void ThrowIfNoMkdtemp()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("fs.mkdtemp calls mkdtemp(3), which Loopwire makes on Linux only: .NET cannot make a directory only if none has its name.");
        }
    }
}
