namespace Loopwire.Tests;

/// <summary>
/// Fs.Watch, Node's fs.watch: system notifications posted to the loop as <c>change</c> events, on a handle that keeps
/// the loop alive until closed (L1, L2, L10). Each test writes only after the watcher has started, and a ref'd guard
/// timer closes everything if a notification never comes, so a lost event fails instead of hanging.
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
}
