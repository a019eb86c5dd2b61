using Loopwire.Internal;

namespace Loopwire;

/// <summary>
/// Watches a directory or a file and emits <c>change</c> on the loop, as Node's <c>fs.FSWatcher</c>: with
/// <c>"rename"</c> when an entry appears, disappears or is renamed, <c>"change"</c> when its contents change, and the
/// name of the entry (relative to the watched directory). A handle: while open and ref'd it keeps the loop alive, as
/// Node's persistent watchers do (L1, L2); <see cref="Handle.Close"/> stops it and emits <c>close</c>. Made by
/// <see cref="Fs.Watch"/>. The system's notifications (inotify on Linux) arrive on another thread and are posted to the loop.
/// </summary>
[EventEmitter]
public sealed partial class FsWatcher : Handle
{
    private static readonly Action<object?> EmitClose = static watcher => ((FsWatcher)watcher!).Closed();

    private readonly FileSystemWatcher _watcher;

    internal FsWatcher(EventLoop loop, string path, bool recursive)
        : base(loop)
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
        _watcher.Created += (_, e) => Deliver("rename", e.Name);
        _watcher.Deleted += (_, e) => Deliver("rename", e.Name);
        _watcher.Renamed += (_, e) => { Deliver("rename", e.OldName); Deliver("rename", e.Name); };
        _watcher.Changed += (_, e) => Deliver("change", e.Name);
        _watcher.Error += (_, e) => Loop.Post(static state => state.Watcher.Fail(state.Error), (Watcher: this, Error: e.GetException()));
        _watcher.EnableRaisingEvents = true;
        SetActive(true);
    }

    /// <summary>Emits <c>change</c>: <paramref name="eventType"/> is <c>"rename"</c> or <c>"change"</c>, <paramref name="filename"/> the entry's name.</summary>
    [Event]
    private partial void Change(string eventType, string? filename);

    /// <summary>Emits <c>error</c> when the system stops reporting (its buffer overflowed, the directory went away).</summary>
    [Event]
    private partial void Error(Exception error);

    /// <summary>Emits <c>close</c> once the watcher is closed.</summary>
    [Event("close")]
    private partial void Closed();

    private protected override void OnClosing()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
        Loop.Defer(LoopCallback.ForTarget(EmitClose, this)); // as Node's process.nextTick(emitCloseNT)
    }

    // Runs on the system's notification thread: only posts.
    private void Deliver(string eventType, string? filename) =>
        Loop.Post(static state => state.Watcher.Notify(state.EventType, state.Filename), (Watcher: this, EventType: eventType, Filename: filename));

    private void Notify(string eventType, string? filename)
    {
        // A notification posted just before Close belongs to a watcher that is gone.
        if (!IsClosing)
        {
            Change(eventType, filename);
        }
    }

    private void Fail(Exception error)
    {
        if (!IsClosing)
        {
            Error(error);
        }
    }
}
