namespace Loopwire;

/// <summary>
/// Where an <see cref="FsWatcher"/>'s notifications come from, for the loop's poll backend. Each reaches the watcher on
/// the loop thread, as a callback from the outside (N2), through <see cref="FsWatcher.Notify"/> or
/// <see cref="FsWatcher.Fail"/>; after <see cref="Close"/> nothing more is delivered.
/// </summary>
internal interface IWatchSource
{
    /// <summary>
    /// Starts watching <paramref name="path"/> for <paramref name="watcher"/>: on epoll, unless recursive, with an inotify
    /// instance read on the loop thread in the poll phase, as libuv's <c>uv_fs_event_t</c> on Linux; else with .NET's
    /// <see cref="FileSystemWatcher"/>, whose notifications come through the inbox (libuv has no recursive inotify).
    /// </summary>
    /// <exception cref="IOException">The path cannot be watched, worded as Node's <c>fs.watch</c> throws.</exception>
    static IWatchSource Start(FsWatcher watcher, string path, bool recursive) =>
        watcher.Loop.Epoll is { } epoll && !recursive
            ? new InotifyWatchSource(epoll, watcher, path)
            : new FileSystemWatcherSource(watcher, path, recursive);

    /// <summary>Stops watching; a notification under way is dropped.</summary>
    void Close();
}
