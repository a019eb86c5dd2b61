using Loopwire.Internal;

namespace Loopwire;

/// <summary>
/// Watches a directory or a file and emits <c>change</c> on the loop, as Node's <c>fs.FSWatcher</c>: with
/// <c>"rename"</c> when an entry appears, disappears or is renamed, <c>"change"</c> when its contents change, and the
/// name of the entry (relative to the watched directory). A handle: while open and ref'd it keeps the loop alive, as
/// Node's persistent watchers do (L1, L2); <see cref="Handle.Close"/> stops it and emits <c>close</c>. Made by
/// <see cref="Fs.Watch"/>. On the epoll backend a non-recursive watcher reads inotify on the loop thread in the poll
/// phase, as libuv does; otherwise the system's notifications arrive on another thread and are posted to the loop
/// (see <see cref="IWatchSource"/>).
/// </summary>
[EventEmitter]
public sealed partial class FsWatcher : Handle
{
    private static readonly Action<object?> EmitClose = static watcher => ((FsWatcher)watcher!).Closed();

    private readonly IWatchSource _source;

    internal FsWatcher(EventLoop loop, string path, bool recursive)
        : base(loop)
    {
        _source = IWatchSource.Start(this, path, recursive);
        SetActive(true);
    }

    /// <summary>Emits <c>change</c>: <paramref name="eventType"/> is <c>"rename"</c> or <c>"change"</c>, <paramref name="filename"/> the entry's name.</summary>
    [Event]
    private partial void Change(string eventType, string? filename);

    /// <summary>Emits <c>error</c> when notifications were lost (the system's queue overflowed) or can no longer be read.</summary>
    [Event]
    private partial void Error(Exception error);

    /// <summary>Emits <c>close</c> once the watcher is closed.</summary>
    [Event("close")]
    private partial void Closed();

    private protected override void OnClosing()
    {
        _source.Close();
        Loop.Defer(LoopCallback.ForTarget(EmitClose, this)); // as Node's process.nextTick(emitCloseNT)
    }

    /// <summary>Emits a notification from <see cref="IWatchSource"/>, on the loop thread, unless the watcher is closed.</summary>
    internal void Notify(string eventType, string? filename)
    {
        // A notification posted just before Close belongs to a watcher that is gone.
        if (!IsClosing)
        {
            Change(eventType, filename);
        }
    }

    /// <summary>Emits a failure from <see cref="IWatchSource"/>, on the loop thread, unless the watcher is closed.</summary>
    internal void Fail(Exception error)
    {
        if (!IsClosing)
        {
            Error(error);
        }
    }
}
