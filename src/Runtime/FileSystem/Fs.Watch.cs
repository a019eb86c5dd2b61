namespace Loopwire;

/// <content>Watching: Node's fs.watch.</content>
public sealed partial class Fs
{
    /// <summary>
    /// Watches a directory or a file, as Node's <c>fs.watch</c>: the returned watcher emits <c>change</c> with
    /// <c>("rename" | "change", filename)</c> on the loop. Close it to stop; until then it keeps the loop alive unless
    /// unref'd.
    /// </summary>
    /// <param name="path">The directory or file to watch.</param>
    /// <param name="recursive">
    /// For a directory, whether to watch the directories inside it too. Linux's inotify watches one directory, so libuv
    /// has no recursive watch there: a recursive watcher uses .NET's <see cref="FileSystemWatcher"/> on every backend.
    /// </param>
    /// <returns>The watcher; subscribe with <c>watcher.On.Change((eventType, filename) =&gt; ...)</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/> (<c>ENOENT: no such file or directory, watch '…'</c>, thrown at the call as Node throws).</exception>
    /// <exception cref="IOException">
    /// On the epoll backend, inotify refused the path, worded as Node's: <c>ENOTDIR</c> (a
    /// <see cref="DirectoryNotFoundException"/>) as the other file calls throw it,
    /// <c>ENOSPC: System limit for number of file watchers reached</c> naming the sysctl
    /// <c>fs.inotify.max_user_watches</c>, <c>EMFILE</c> naming <c>fs.inotify.max_user_instances</c> (one per watcher).
    /// </exception>
    /// <exception cref="UnauthorizedAccessException">On the epoll backend, <c>EACCES: permission denied, watch '…'</c>.</exception>
    public FsWatcher Watch(string path, bool recursive = false)
    {
        ThrowIfInvalidPath(path);
        return new FsWatcher(_loop, path, recursive);
    }
}
