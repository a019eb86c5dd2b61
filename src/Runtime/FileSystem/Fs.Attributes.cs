namespace Loopwire;

/// <content>Attributes: lstat, access, chmod, utimes, truncate.</content>
public sealed partial class Fs
{
    private const AccessMode AnyAccess = AccessMode.Read | AccessMode.Write | AccessMode.Execute;
    private const UnixFileMode AnyFileMode = (UnixFileMode)0xFFF; // 07777: permissions, setuid, setgid, sticky

    /// <summary>
    /// Reads a file's or directory's status, or a symbolic link's own, as Node's <c>fs.lstat</c>: a link is reported
    /// with <see cref="FileStat.IsSymbolicLink"/>, not followed.
    /// </summary>
    /// <param name="path">The file, directory or link.</param>
    /// <param name="callback">Runs on the loop with the error (and a default status), or null and the status.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public void LStat(string path, [RunsOnLoop] Action<Exception?, FileStat> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(static path => FileStat.Of(path, followLinks: false), path, callback);
    }

    /// <summary>Reads a status without following a link, as <see cref="LStat"/>; the task completes on the loop thread.</summary>
    /// <param name="path">The file, directory or link.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public ValueTask<FileStat> LStatAsync(string path, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(static path => FileStat.Of(path, followLinks: false), path, cancellationToken));
    }

    /// <summary>
    /// Checks that the process may use a path as <paramref name="mode"/> says, as Node's <c>fs.access</c>: no error
    /// means it may. On Linux this is <c>access(2)</c>, as libuv's; elsewhere, as libuv on Windows, only existence and,
    /// for <see cref="AccessMode.Write"/>, a read-only file (EPERM) are checked. Node's deprecated <c>fs.exists</c> is
    /// not offered: call this, or <see cref="Stat"/>, and look at the error.
    /// </summary>
    /// <param name="path">The file or directory.</param>
    /// <param name="mode"><see cref="AccessMode.Exists"/>, or any of <see cref="AccessMode.Read"/>, <see cref="AccessMode.Write"/> and <see cref="AccessMode.Execute"/>.</param>
    /// <param name="callback">Runs on the loop with the error (<c>EACCES: permission denied, access '…'</c>, ENOENT, ...), or null when the access is allowed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> has a bit none of Node's modes has.</exception>
    public void Access(string path, AccessMode mode, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(path);
        ThrowIfInvalidMode(mode);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.Access(path, mode), callback);
    }

    /// <summary>Checks that the process may use a path, as <see cref="Access"/>; the task completes on the loop thread.</summary>
    /// <param name="path">The file or directory.</param>
    /// <param name="mode">What to check; by default, only that the path exists (Node's <c>F_OK</c>).</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the access is allowed, and fails with the error otherwise.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> has a bit none of Node's modes has.</exception>
    public ValueTask AccessAsync(string path, AccessMode mode = AccessMode.Exists, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        ThrowIfInvalidMode(mode);
        return new(_loop.QueueWorkAsync(static call => FileOperations.Access(call.path, call.mode), (path, mode), cancellationToken));
    }

    /// <summary>
    /// Sets a file's or directory's permissions, following a link, as Node's <c>fs.chmod</c>. On Windows, as Node
    /// there, only <see cref="UnixFileMode.UserWrite"/> means anything: without it the file is made read-only.
    /// </summary>
    /// <param name="path">The file or directory.</param>
    /// <param name="mode">The new mode: Node's <c>0o644</c> is <c>UserRead | UserWrite | GroupRead | OtherRead</c>.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> has a bit above <c>07777</c>.</exception>
    public void Chmod(string path, UnixFileMode mode, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(path);
        ThrowIfInvalidMode(mode);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.Chmod(path, mode), callback);
    }

    /// <summary>Sets a file's or directory's permissions, as <see cref="Chmod"/>; the task completes on the loop thread.</summary>
    /// <param name="path">The file or directory.</param>
    /// <param name="mode">The new mode.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the mode is set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> has a bit above <c>07777</c>.</exception>
    public ValueTask ChmodAsync(string path, UnixFileMode mode, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        ThrowIfInvalidMode(mode);
        return new(_loop.QueueWorkAsync(static call => FileOperations.Chmod(call.path, call.mode), (path, mode), cancellationToken));
    }

    /// <summary>Sets a file's or directory's access and modification times, following a link, as Node's <c>fs.utimes</c>.</summary>
    /// <param name="path">The file or directory.</param>
    /// <param name="accessTime">The new access time.</param>
    /// <param name="modifiedTime">The new modification time.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public void Utimes(string path, DateTimeOffset accessTime, DateTimeOffset modifiedTime, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.Utimes(path, accessTime, modifiedTime), callback);
    }

    /// <summary>Sets a file's or directory's times, as <see cref="Utimes"/>; the task completes on the loop thread.</summary>
    /// <param name="path">The file or directory.</param>
    /// <param name="accessTime">The new access time.</param>
    /// <param name="modifiedTime">The new modification time.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the times are set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public ValueTask UtimesAsync(string path, DateTimeOffset accessTime, DateTimeOffset modifiedTime, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(static call => FileOperations.Utimes(call.path, call.accessTime, call.modifiedTime), (path, accessTime, modifiedTime), cancellationToken));
    }

    /// <summary>
    /// Cuts a file to <paramref name="length"/> bytes, or extends it with zeros, as Node's <c>fs.truncate</c>: the
    /// file is opened to do it, so a missing one is <c>ENOENT … open</c>, and a negative length is 0, as Node clamps it.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="length">The new length in bytes.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public void Truncate(string path, long length, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.Truncate(path, length), callback);
    }

    /// <summary>Cuts or extends a file, as <see cref="Truncate"/>; the task completes on the loop thread.</summary>
    /// <param name="path">The file.</param>
    /// <param name="length">The new length in bytes; by default 0, as Node's.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the file has its new length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public ValueTask TruncateAsync(string path, long length = 0, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(static call => FileOperations.Truncate(call.path, call.length), (path, length), cancellationToken));
    }

    private static void ThrowIfInvalidMode(AccessMode mode)
    {
        if ((mode & ~AnyAccess) != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(mode), mode, "The access mode must be Exists or a combination of Read, Write and Execute (0 to 7, as Node's F_OK, R_OK, W_OK and X_OK).");
        }
    }

    private static void ThrowIfInvalidMode(UnixFileMode mode)
    {
        if ((mode & ~AnyFileMode) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "The file mode must be permission, setuid, setgid and sticky bits only (0 to 07777).");
        }
    }
}
