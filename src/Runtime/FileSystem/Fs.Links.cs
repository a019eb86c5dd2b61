namespace Loopwire;

/// <content>Links: symlink, readlink, realpath, link.</content>
public sealed partial class Fs
{
    /// <summary>
    /// Makes <paramref name="path"/> a symbolic link to <paramref name="target"/>, as Node's <c>fs.symlink</c>: the
    /// target is stored as written (a relative one is relative to the link's directory) and need not exist; an
    /// existing <paramref name="path"/> is <c>EEXIST: file already exists, symlink 'target' -&gt; 'path'</c>.
    /// </summary>
    /// <param name="target">What the link points to.</param>
    /// <param name="path">The link to make.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A path contains a null character.</exception>
    public void Symlink(string target, string path, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(target);
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(() => FileOperations.Symlink(target, path), callback);
    }

    /// <summary>Makes a symbolic link, as <see cref="Symlink"/>; the task completes on the loop thread.</summary>
    /// <param name="target">What the link points to.</param>
    /// <param name="path">The link to make.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the link exists.</returns>
    /// <exception cref="ArgumentNullException">A path is null.</exception>
    /// <exception cref="ArgumentException">A path contains a null character.</exception>
    public ValueTask SymlinkAsync(string target, string path, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(target);
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(static call => FileOperations.Symlink(call.target, call.path), (target, path), cancellationToken));
    }

    /// <summary>
    /// Reads what a symbolic link points to, as written when it was made, as Node's <c>fs.readlink</c>; a path that
    /// is not a link is <c>EINVAL: invalid argument, readlink '…'</c>.
    /// </summary>
    /// <param name="path">The link.</param>
    /// <param name="callback">Runs on the loop with the error (and null), or null and the link's target.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public void ReadLink(string path, [RunsOnLoop] Action<Exception?, string?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(FileOperations.ReadLink, path, callback);
    }

    /// <summary>Reads what a symbolic link points to, as <see cref="ReadLink"/>; the task completes on the loop thread.</summary>
    /// <param name="path">The link.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>The link's target, as written when it was made.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public ValueTask<string> ReadLinkAsync(string path, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(FileOperations.ReadLink, path, cancellationToken));
    }

    /// <summary>
    /// The absolute path of an existing entry with every symbolic link, <c>.</c> and <c>..</c> on the way resolved,
    /// as Node's <c>fs.promises.realpath</c> and <c>fs.realpath.native</c> (on Linux <c>realpath(3)</c>, as libuv's);
    /// errors name <c>realpath</c>, where Node's callback <c>fs.realpath</c> names the <c>lstat</c> it failed in.
    /// Off Linux only the link at the end is followed, not links among the directories on the way.
    /// </summary>
    /// <param name="path">The path to resolve.</param>
    /// <param name="callback">Runs on the loop with the error (and null), or null and the resolved path.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public void RealPath(string path, [RunsOnLoop] Action<Exception?, string?> callback)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(FileOperations.RealPath, path, callback);
    }

    /// <summary>Resolves a path, as <see cref="RealPath"/>; the task completes on the loop thread.</summary>
    /// <param name="path">The path to resolve.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>The absolute path with no links in it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    public ValueTask<string> RealPathAsync(string path, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(path);
        return new(_loop.QueueWorkAsync(FileOperations.RealPath, path, cancellationToken));
    }

    /// <summary>
    /// Makes <paramref name="newPath"/> a hard link to the file <paramref name="existingPath"/>, as Node's
    /// <c>fs.link</c> (<c>link(2)</c>): both names are then the same file. Linux only, as .NET has no call for it.
    /// </summary>
    /// <param name="existingPath">The file.</param>
    /// <param name="newPath">Its new name.</param>
    /// <param name="callback">Runs on the loop with the error, or null on success.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A path contains a null character.</exception>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    public void Link(string existingPath, string newPath, [RunsOnLoop] Action<Exception?> callback)
    {
        ThrowIfInvalidPath(existingPath);
        ThrowIfInvalidPath(newPath);
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfNoHardLinks();
        _loop.QueueWork(() => FileOperations.Link(existingPath, newPath), callback);
    }

    /// <summary>Makes a hard link, as <see cref="Link"/>; the task completes on the loop thread.</summary>
    /// <param name="existingPath">The file.</param>
    /// <param name="newPath">Its new name.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for a pool thread.</param>
    /// <returns>A task that completes when the link exists.</returns>
    /// <exception cref="ArgumentNullException">A path is null.</exception>
    /// <exception cref="ArgumentException">A path contains a null character.</exception>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    public ValueTask LinkAsync(string existingPath, string newPath, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidPath(existingPath);
        ThrowIfInvalidPath(newPath);
        ThrowIfNoHardLinks();
        return new(_loop.QueueWorkAsync(static call => FileOperations.Link(call.existingPath, call.newPath), (existingPath, newPath), cancellationToken));
    }

    private static void ThrowIfNoHardLinks()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("fs.link calls link(2), which Loopwire makes on Linux only: .NET has no call that makes a hard link.");
        }
    }
}
