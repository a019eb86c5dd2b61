using System.Globalization;
using System.Runtime.Versioning;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Fs.Watch, Node's fs.watch: system notifications delivered on the loop as <c>change</c> events, on a handle that
/// keeps the loop alive until closed (L1, L2, L10). Each test writes only after the watcher has started, and a ref'd
/// guard timer closes everything if a notification never comes, so a lost event fails instead of hanging. On the epoll
/// backend a watcher reads inotify in the poll phase, as libuv's uv_fs_event_t: the kernel queues an event inside the
/// system call that causes it, so those tests run one iteration with <see cref="RunMode.NoWait"/> and wait for nothing.
/// The sequences they expect are what Node 20 emits on Linux for the same calls.
/// </summary>
public sealed class FsWatchTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-fs-watch-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Creating_a_file_emits_rename_and_writing_it_emits_change()
    {
        // L1: the open watcher keeps the loop running until the listener closes it
        using var loop = new EventLoop();
        var events = new List<string>();
        var watcher = loop.Fs.Watch(_directory);
        var guard = loop.SetTimeout(() => { events.Add("timed out"); watcher.Dispose(); }, 30_000);
        watcher.On.Change((eventType, filename) =>
        {
            if (filename != "note.txt")
            {
                return;
            }

            events.Add(eventType);
            if (eventType == "change")
            {
                watcher.Close();
                guard.Close();
            }
        });

        loop.SetImmediate(() => File.WriteAllText(Path.Combine(_directory, "note.txt"), "hello"));

        Assert.False(loop.Run());
        Assert.Equal("rename", events[0]);
        Assert.Equal("change", events[^1]);
        Assert.DoesNotContain("timed out", events);
    }

    [Fact]
    public void Close_emits_close_on_the_next_tick_and_stops_the_events()
    {
        // L10, N1: closing deactivates at once; Node emits close from process.nextTick, so it comes right after
        // the main program, before the close phase runs the handle's close callback
        var log = new List<string>();
        bool wasActive = true;

        int exitCode = EventLoop.RunMain(loop =>
        {
            var watcher = loop.Fs.Watch(_directory);
            watcher.On.Change((_, _) => log.Add("change")).On.Closed(() => log.Add("close"));

            watcher.Close(() => log.Add("close callback"));
            wasActive = watcher.IsActive;
            File.WriteAllText(Path.Combine(_directory, "late.txt"), "x");
            log.Add("after Close");
        });

        Assert.Equal(0, exitCode);
        Assert.False(wasActive);
        Assert.Equal(["after Close", "close", "close callback"], log);
    }

    [Fact]
    public void An_unrefd_watcher_lets_the_loop_exit()
    {
        // L2: as fs.watch with { persistent: false }
        using var loop = new EventLoop();
        var watcher = loop.Fs.Watch(_directory);

        watcher.Unref();

        Assert.False(loop.IsAlive);
        Assert.False(loop.Run());
        watcher.Close();
        loop.Run();
    }

    [Fact]
    public void Watching_a_file_reports_that_file_only()
    {
        // A watched file is watched through its directory, filtered to its name
        string watched = Path.Combine(_directory, "watched.txt");
        File.WriteAllText(watched, "start");
        using var loop = new EventLoop();
        var names = new List<string?>();
        var watcher = loop.Fs.Watch(watched);
        var guard = loop.SetTimeout(() => { names.Add("timed out"); watcher.Dispose(); }, 30_000);
        watcher.On.Change((_, filename) =>
        {
            names.Add(filename);
            watcher.Close();
            guard.Close();
        });

        loop.SetImmediate(() =>
        {
            File.WriteAllText(Path.Combine(_directory, "other.txt"), "ignored");
            File.AppendAllText(watched, " more");
        });

        Assert.False(loop.Run());
        Assert.Equal(["watched.txt"], names);
    }

    [Fact]
    public void A_missing_path_throws_at_the_call_as_Node_does()
    {
        // Node's fs.watch throws synchronously; nothing is left open
        using var loop = new EventLoop();
        string missing = Path.Combine(_directory, "missing");

        var error = Assert.Throws<FileNotFoundException>(() => loop.Fs.Watch(missing));

        Assert.Equal($"ENOENT: no such file or directory, watch '{missing}'", error.Message);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => loop.Fs.Watch("a\0b")).ParamName);
        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void A_refd_watcher_keeps_the_loop_alive_and_Ref_after_Unref_restores_that()
    {
        // L1: an open, ref'd watcher is an active ref'd handle; L2: ref and unref are flags
        using var loop = new EventLoop();
        var watcher = loop.Fs.Watch(_directory);

        Assert.True(loop.IsAlive);
        Assert.True(loop.Run(RunMode.NoWait));
        watcher.Unref();
        watcher.Unref();
        Assert.False(loop.IsAlive);
        watcher.Ref();
        Assert.True(loop.IsAlive);

        watcher.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void A_recursive_watcher_reports_entries_in_subdirectories_by_their_relative_path()
    {
        // Linux's inotify watches one directory, so libuv has no recursive watch there: on every backend a recursive
        // watcher is .NET's FileSystemWatcher, whose names are relative to the watched directory, as Node's are
        string inner = Directory.CreateDirectory(Path.Combine(_directory, "inner")).FullName;
        using var loop = new EventLoop();
        var names = new List<string?>();
        var watcher = loop.Fs.Watch(_directory, recursive: true);
        var guard = loop.SetTimeout(() => { names.Add("timed out"); watcher.Dispose(); }, 30_000);
        watcher.On.Change((_, filename) =>
        {
            names.Add(filename);
            if (filename == Path.Combine("inner", "deep.txt"))
            {
                watcher.Close();
                guard.Close();
            }
        });

        loop.SetImmediate(() => File.WriteAllText(Path.Combine(inner, "deep.txt"), "x"));

        Assert.False(loop.Run());
        Assert.Equal(Path.Combine("inner", "deep.txt"), names[^1]);
    }

    [LinuxFact("inotify is Linux's")]
    public void On_epoll_a_change_is_read_on_the_loop_thread_in_the_poll_phase_of_the_next_iteration()
    {
        // libuv's uv__inotify_read runs from uv__io_poll: the events are read in the poll phase, between the prepare and
        // the check handles of the iteration after the change, with nothing posted from another thread. NoWait runs that
        // one iteration without blocking: a notification that had to come through the inbox from .NET's watcher thread
        // would be late for it.
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        int loopThread = Environment.CurrentManagedThreadId;
        var log = new List<string>();
        var watcher = loop.Fs.Watch(_directory);
        watcher.On.Change((eventType, filename) =>
            log.Add($"{eventType} {filename}{(Environment.CurrentManagedThreadId == loopThread ? "" : " off the loop thread")}"));
        using var prepare = new PrepareHandle(loop);
        prepare.Start(() => log.Add("prepare"));
        using var check = new CheckHandle(loop);
        check.Start(() => log.Add("check"));

        File.WriteAllText(Path.Combine(_directory, "note.txt"), "hello");
        loop.Run(RunMode.NoWait);

        Assert.Equal(["prepare", "rename note.txt", "change note.txt", "check"], log);
        watcher.Close();
    }

    [LinuxFact("inotify is Linux's")]
    [UnsupportedOSPlatform("windows")]
    public void On_epoll_entries_of_a_watched_directory_report_what_Node_reports()
    {
        // libuv: "change" for IN_ATTRIB or IN_MODIFY alone, "rename" for anything else, with the entry's name
        string note = Path.Combine(_directory, "note.txt");

        Assert.Equal(["rename note.txt", "change note.txt"], EpollEvents(_directory, () => File.WriteAllText(note, "created")));
        Assert.Equal(["change note.txt"], EpollEvents(_directory, () => File.AppendAllText(note, " written")));
        Assert.Equal(["change note.txt"], EpollEvents(_directory, () => File.SetUnixFileMode(note, UnixFileMode.UserRead | UnixFileMode.UserWrite)));
        Assert.Equal(["rename note.txt", "rename renamed.txt"], EpollEvents(_directory, () => File.Move(note, Path.Combine(_directory, "renamed.txt"))));
        Assert.Equal(["rename renamed.txt"], EpollEvents(_directory, () => File.Delete(Path.Combine(_directory, "renamed.txt"))));
        Assert.Equal(["rename sub"], EpollEvents(_directory, () => Directory.CreateDirectory(Path.Combine(_directory, "sub"))));

        // A directory's IN_ATTRIB comes with IN_ISDIR, so Node reports a chmod of a subdirectory as "rename"
        Assert.Equal(["rename sub"], EpollEvents(_directory, () => File.SetUnixFileMode(Path.Combine(_directory, "sub"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)));
    }

    [LinuxFact("inotify is Linux's")]
    public void On_epoll_a_watched_file_reports_itself_by_its_name_as_Node_does()
    {
        // inotify names no entry for the watched path itself; libuv reports the path's last segment (uv__basename_r).
        // Deleting the file changes its link count (IN_ATTRIB), deletes it (IN_DELETE_SELF) and removes the watch
        // (IN_IGNORED): Node emits all three; a rename is IN_MOVE_SELF, under the old name.
        string watched = Path.Combine(_directory, "watched.txt");
        File.WriteAllText(watched, "start");

        Assert.Equal(["change watched.txt"], EpollEvents(watched, () => File.AppendAllText(watched, " more")));
        Assert.Equal([], EpollEvents(watched, () => File.WriteAllText(Path.Combine(_directory, "other.txt"), "ignored")));
        Assert.Equal(["rename watched.txt"], EpollEvents(watched, () => File.Move(watched, Path.Combine(_directory, "moved.txt"))));
        Assert.Equal(["change moved.txt", "rename moved.txt", "rename moved.txt"], EpollEvents(Path.Combine(_directory, "moved.txt"), () => File.Delete(Path.Combine(_directory, "moved.txt"))));
    }

    [LinuxFact("inotify is Linux's")]
    public void On_epoll_a_deleted_watched_directory_reports_itself_twice_and_the_watcher_stays_open_as_in_Node()
    {
        // Node 20 on Linux: "rename sub" for IN_DELETE_SELF, again for IN_IGNORED, no error, and the handle stays active,
        // so the loop stays alive until the watcher is closed (L1)
        string sub = Directory.CreateDirectory(Path.Combine(_directory, "sub")).FullName;
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        var log = new List<string>();
        var watcher = loop.Fs.Watch(sub);
        watcher.On.Change((eventType, filename) => log.Add($"{eventType} {filename}")).On.Error(error => log.Add(error.Message));

        Directory.Delete(sub);
        Assert.True(loop.Run(RunMode.NoWait));

        Assert.Equal(["rename sub", "rename sub"], log);
        Assert.True(watcher.IsActive);
        watcher.Close();
        Assert.False(loop.Run());
    }

    [LinuxFact("inotify is Linux's")]
    public void On_epoll_closing_in_a_listener_drops_the_events_already_read()
    {
        // Creating and writing a file queues two events, read together; closing on the first delivers nothing more but
        // close (L10), and the descriptor, closed, is not read again
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        var log = new List<string>();
        var watcher = loop.Fs.Watch(_directory);
        watcher.On.Change((eventType, filename) =>
        {
            log.Add($"{eventType} {filename}");
            watcher.Close();
        }).On.Closed(() => log.Add("close"));

        File.WriteAllText(Path.Combine(_directory, "note.txt"), "hello");

        Assert.False(loop.Run());
        Assert.Equal(["rename note.txt", "close"], log);
    }

    [LinuxFact("inotify is Linux's")]
    public void On_epoll_an_overflowed_queue_is_an_error_after_what_it_held_and_the_watcher_goes_on()
    {
        // The kernel queues fs.inotify.max_queued_events events, then one IN_Q_OVERFLOW. libuv drops that record (its
        // watch descriptor, -1, is no watcher's), so Node says nothing of the loss; Loopwire emits error, as its
        // portable backend does for FileSystemWatcher's overflow, and keeps watching. A file moved back and forth
        // makes distinct events, which inotify does not merge.
        int limit = int.Parse(File.ReadAllText("/proc/sys/fs/inotify/max_queued_events"), CultureInfo.InvariantCulture);
        string there = Path.Combine(_directory, "there.txt"), back = Path.Combine(_directory, "back.txt");
        File.WriteAllText(there, "x");
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        int changes = 0;
        var errors = new List<Exception>();
        var watcher = loop.Fs.Watch(_directory);
        watcher.On.Change((_, _) => changes++).On.Error(errors.Add);
        for (int moves = 0; moves <= limit / 2; moves += 2)
        {
            File.Move(there, back);
            File.Move(back, there);
        }

        loop.Run(RunMode.NoWait);
        Assert.Equal(limit, changes);
        Assert.IsType<InternalBufferOverflowException>(Assert.Single(errors));

        File.Delete(there);
        loop.Run(RunMode.NoWait);
        Assert.Equal(limit + 1, changes);
        watcher.Close();
    }

    [LinuxFact("the reads are the epoll backend's, made on the loop thread")]
    public void On_epoll_an_event_allocates_nothing_but_its_filename()
    {
        // Each event's name is a new string; the reads, the parse, the callback and the emit allocate nothing else on
        // the loop thread. As in ChunkAllocations: the bytes allocated by each event's listener, over windows of 64
        // events after 32 to warm up, less the names; the least of three windows, so a one-off runtime allocation
        // cannot fail the test. A record of a 9-character name takes 32 bytes: 128 a read, so windows span reads.
        const int WarmUp = 32, Window = 64, Files = WarmUp + (3 * Window) + 1;
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        var allocatedAt = new long[Files];
        int count = 0;
        var watcher = loop.Fs.Watch(_directory);
        watcher.On.Change((_, _) =>
        {
            if (count < Files)
            {
                allocatedAt[count] = GC.GetAllocatedBytesForCurrentThread();
            }

            count++;
        });
        for (int i = 0; i < Files; i++)
        {
            File.Create(Path.Combine(_directory, $"f{i:D4}.txt")).Dispose();
        }

        loop.Run(RunMode.NoWait);
        watcher.Close();
        loop.Run();

        Assert.InRange(count, Files, int.MaxValue); // .NET's File.Create may add a "change" to each "rename"
        long least = Enumerable.Range(0, 3)
            .Select(window => WarmUp + (window * Window))
            .Min(first => allocatedAt[first + Window] - allocatedAt[first] - (Window * StringBytes("f0000.txt".Length)));
        Assert.Equal(0, least);
    }

    [LinuxFact("inotify's errors are Linux's")]
    public void On_epoll_a_path_through_a_file_throws_ENOTDIR_as_Node_does()
    {
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        string file = Path.Combine(_directory, "file.txt");
        File.WriteAllText(file, "x");
        string through = Path.Combine(file, "x");

        var error = Assert.Throws<DirectoryNotFoundException>(() => loop.Fs.Watch(through));

        Assert.Equal($"ENOTDIR: not a directory, watch '{through}'", error.Message);
        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void Inotifys_limits_are_worded_as_Node_words_them_and_name_the_setting_to_raise()
    {
        // Node replaces ENOSPC's "no space left on device" for fs.watch; inotify also reports its limit on instances
        // as EMFILE, and Loopwire holds one instance per watcher
        var watches = FsErrors.WatchFailed(28, "/w");
        var instances = FsErrors.WatchFailed(24, "/w");

        Assert.StartsWith("ENOSPC: System limit for number of file watchers reached, watch '/w'", watches.Message);
        Assert.Contains("fs.inotify.max_user_watches", watches.Message);
        Assert.Equal(28, watches.HResult);
        Assert.StartsWith("EMFILE: too many open files, watch '/w'", instances.Message);
        Assert.Contains("fs.inotify.max_user_instances", instances.Message);
    }

    /// <summary>
    /// What a watcher of <paramref name="watched"/> on epoll emits for <paramref name="change"/>, made before one
    /// iteration that does not block: inotify has queued the events by the time the call returns.
    /// </summary>
    private static List<string> EpollEvents(string watched, Action change)
    {
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        var events = new List<string>();
        var watcher = loop.Fs.Watch(watched);
        watcher.On.Change((eventType, filename) => events.Add($"{eventType} {filename}"));

        change();
        loop.Run(RunMode.NoWait);
        watcher.Close();
        loop.Run();
        return events;
    }

    /// <summary>A string's size on the heap on 64-bit .NET: a 20-byte header and terminator, two bytes a character, rounded up to 8.</summary>
    private static int StringBytes(int length) => (22 + (2 * length) + 7) & ~7;
}
