namespace Loopwire;

/// <summary>
/// An <see cref="FsWatcher"/>'s notifications on the portable backend, and recursive ones on any: .NET's
/// <see cref="FileSystemWatcher"/> raises them on its own thread, which posts each to the loop's inbox.
/// </summary>
internal sealed class FileSystemWatcherSource : IWatchSource
{
    private readonly FileSystemWatcher _watcher;

    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    public FileSystemWatcherSource(FsWatcher owner, string path, bool recursive)
    {
        string fullPath = Path.GetFullPath(path);
        bool isFile = File.Exists(fullPath);
        if (!isFile && !Directory.Exists(fullPath))
        {
            throw FsErrors.NotFound("watch", path);
        }

        // A file is watched through its directory, filtered to its name, as the system watches directories.
        _watcher = isFile
            ? new FileSystemWatcher(Path.GetDirectoryName(fullPath)!, Path.GetFileName(fullPath))
            : new FileSystemWatcher(fullPath) { IncludeSubdirectories = recursive };
        _watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size;
        _watcher.Created += (_, e) => Deliver(owner, "rename", e.Name);
        _watcher.Deleted += (_, e) => Deliver(owner, "rename", e.Name);
        _watcher.Renamed += (_, e) => { Deliver(owner, "rename", e.OldName); Deliver(owner, "rename", e.Name); };
        _watcher.Changed += (_, e) => Deliver(owner, "change", e.Name);
        _watcher.Error += (_, e) => owner.Loop.Post(static state => state.Owner.Fail(state.Error), (Owner: owner, Error: e.GetException()));
        _watcher.EnableRaisingEvents = true;
    }

    public void Close()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
    }

    // Runs on the system's notification thread: only posts.
    private static void Deliver(FsWatcher owner, string eventType, string? filename) =>
        owner.Loop.Post(static state => state.Owner.Notify(state.EventType, state.Filename), (Owner: owner, EventType: eventType, Filename: filename));
}
