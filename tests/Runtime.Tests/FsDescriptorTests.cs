using System.Text;
using Loopwire.Tests.Support;
using Microsoft.Win32.SafeHandles;

namespace Loopwire.Tests;

/// <summary>Open files through the pool (L12): Node's fs.open flags, positioned reads and writes, fstat, ftruncate, fsync, close.</summary>
public sealed class FsDescriptorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-fs-descriptors-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Writes_and_reads_go_where_their_positions_say()
    {
        // L12: pwrite/pread, as Node's fs.write and fs.read with a position
        string path = Path.Combine(_directory, "positions.bin");
        string? text = null;
        int lastRead = -1;

        int exitCode = EventLoop.RunMain(async loop =>
        {
            SafeFileHandle writer = await loop.Fs.OpenAsync(path, "w");
            Assert.Equal(5, await loop.Fs.WriteAsync(writer, "world"u8.ToArray(), 6));
            Assert.Equal(6, await loop.Fs.WriteAsync(writer, "hello "u8.ToArray(), 0));
            await loop.Fs.CloseAsync(writer);

            SafeFileHandle reader = await loop.Fs.OpenAsync(path);
            var buffer = new byte[32];
            int read = await loop.Fs.ReadAsync(reader, buffer, 0);
            text = Encoding.UTF8.GetString(buffer, 0, read);
            lastRead = await loop.Fs.ReadAsync(reader, buffer, read);
            await loop.Fs.CloseAsync(reader);
            Assert.True(reader.IsClosed);
        });

        Assert.Equal(0, exitCode);
        Assert.Equal("hello world", text);
        Assert.Equal(0, lastRead);
    }

    [Fact]
    public void Flags_decide_whether_the_file_must_exist_and_where_writes_go()
    {
        // L12: r needs the file; wx refuses an existing one; a appends whatever the position
        string path = Path.Combine(_directory, "flags.txt");
        File.WriteAllText(path, "start");
        Exception? missing = null;
        Exception? exclusive = null;

        EventLoop.RunMain(async loop =>
        {
            missing = await Record.ExceptionAsync(() => loop.Fs.OpenAsync(Path.Combine(_directory, "absent.txt")).AsTask());
            exclusive = await Record.ExceptionAsync(() => loop.Fs.OpenAsync(path, "wx").AsTask());
            SafeFileHandle appender = await loop.Fs.OpenAsync(path, "a");
            await loop.Fs.WriteAsync(appender, "+end"u8.ToArray(), 0);
            await loop.Fs.CloseAsync(appender);
        });

        Assert.IsType<FileNotFoundException>(missing);
        Assert.Equal($"ENOENT: no such file or directory, open '{Path.Combine(_directory, "absent.txt")}'", missing.Message);
        Assert.IsType<IOException>(exclusive);
        Assert.Equal($"EEXIST: file already exists, open '{path}'", exclusive.Message);
        Assert.Equal("start+end", File.ReadAllText(path));
    }

    [Fact]
    public void FStat_FTruncate_and_FSync_work_on_the_open_file()
    {
        // L12: Node's fstat, ftruncate (len < 0 is 0, as Node clamps it) and fsync
        string path = Path.Combine(_directory, "open.txt");
        var sizes = new List<long>();
        FileStat stat = default;
        DateTime written = default;

        int exitCode = EventLoop.RunMain(async loop =>
        {
            SafeFileHandle file = await loop.Fs.OpenAsync(path, "w+");
            await loop.Fs.WriteAsync(file, "hello world"u8.ToArray(), 0);
            stat = await loop.Fs.FStatAsync(file);
            written = File.GetLastWriteTimeUtc(path);
            await loop.Fs.FTruncateAsync(file, 5);
            sizes.Add((await loop.Fs.FStatAsync(file)).Size);
            await loop.Fs.FTruncateAsync(file, 8);
            sizes.Add((await loop.Fs.FStatAsync(file)).Size);
            await loop.Fs.FSyncAsync(file);
            await loop.Fs.FTruncateAsync(file, -1);
            sizes.Add((await loop.Fs.FStatAsync(file)).Size);
            await loop.Fs.CloseAsync(file);
        });

        Assert.Equal(0, exitCode);
        Assert.Equal((11, true, false, false), (stat.Size, stat.IsFile, stat.IsDirectory, stat.IsSymbolicLink));
        Assert.Equal(written, stat.ModifiedTime);
        Assert.Equal([5, 8, 0], sizes);
    }

    [LinuxFact("ftruncate(2) of a descriptor open for reading is EINVAL")]
    public void FTruncate_of_a_file_open_for_reading_is_EINVAL_with_no_path()
    {
        // L12: Node names no path for a descriptor: EINVAL: invalid argument, ftruncate
        string path = Path.Combine(_directory, "read-only.txt");
        File.WriteAllText(path, "unchanged");
        Exception? failure = null;
        bool synced = false;

        EventLoop.RunMain(async loop =>
        {
            SafeFileHandle file = await loop.Fs.OpenAsync(path);
            failure = await Record.ExceptionAsync(() => loop.Fs.FTruncateAsync(file, 1).AsTask());
            await loop.Fs.FSyncAsync(file);
            synced = true;
            await loop.Fs.CloseAsync(file);
        });

        Assert.IsType<IOException>(failure);
        Assert.Equal("EINVAL: invalid argument, ftruncate", failure.Message);
        Assert.True(synced);
        Assert.Equal("unchanged", File.ReadAllText(path));
    }

    [Fact]
    public void Callback_forms_complete_on_the_loop()
    {
        // L12
        string path = Path.Combine(_directory, "callbacks.txt");
        using var loop = new EventLoop();
        var log = new List<string>();

        loop.Fs.Open(path, "w+", (error, file) =>
        {
            log.Add($"open {error?.Message ?? "ok"}");
            loop.Fs.Write(file!, "abc"u8.ToArray(), 0, (error, written) =>
            {
                log.Add($"write {written}");
                var buffer = new byte[8];
                loop.Fs.Read(file!, buffer, 1, (error, read) =>
                {
                    log.Add($"read {Encoding.ASCII.GetString(buffer, 0, read)}");
                    loop.Fs.Close(file!, error => log.Add($"close {error?.Message ?? "ok"}"));
                });
            });
        });

        Assert.False(loop.Run());
        Assert.Equal(["open ok", "write 3", "read bc", "close ok"], log);
    }

    [Fact]
    public void FStat_FTruncate_and_FSync_callbacks_run_on_the_loop()
    {
        // L12
        string path = Path.Combine(_directory, "callbacks.txt");
        File.WriteAllText(path, "abcdef");
        using var loop = new EventLoop();
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        int loopThread = Environment.CurrentManagedThreadId;
        var log = new List<string>();
        void Record(string call) => log.Add($"{call} {(Environment.CurrentManagedThreadId == loopThread ? "on the loop" : "elsewhere")}");

        loop.Fs.FTruncate(file, 2, error =>
        {
            Record($"ftruncate {error?.Message ?? "ok"}");
            loop.Fs.FSync(file, error =>
            {
                Record($"fsync {error?.Message ?? "ok"}");
                loop.Fs.FStat(file, (error, stat) => Record($"fstat {error?.Message ?? stat.Size.ToString()}"));
            });
        });

        Assert.False(loop.Run());
        Assert.Equal(["ftruncate ok on the loop", "fsync ok on the loop", "fstat 2 on the loop"], log);
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call()
    {
        // L1: nothing is queued for a call that cannot work
        string path = Path.Combine(_directory, "bad.txt");
        File.WriteAllText(path, "x");
        using var loop = new EventLoop();
        using SafeFileHandle open = File.OpenHandle(path);
        SafeFileHandle closed = File.OpenHandle(path);
        closed.Dispose();

        var flags = Assert.Throws<ArgumentException>(() => loop.Fs.Open(path, "rw", (_, _) => { }));
        Assert.Equal("flags", flags.ParamName);
        Assert.Contains("r, r+, w, wx, w+, wx+, a, ax, a+, ax+", flags.Message);
        Assert.Equal("position", Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.Read(open, new byte[1], -1, (_, _) => { })).ParamName);
        Assert.Throws<ObjectDisposedException>(() => loop.Fs.WriteAsync(closed, new byte[1], 0));
        Assert.Equal("file", Assert.Throws<ArgumentNullException>(() => loop.Fs.Close(null!, _ => { })).ParamName);
        Assert.Equal("file", Assert.Throws<ArgumentNullException>(() => loop.Fs.FStat(null!, (_, _) => { })).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => loop.Fs.FSync(open, null!)).ParamName);
        Assert.Throws<ObjectDisposedException>(() => loop.Fs.FTruncateAsync(closed, 1));
        Assert.Throws<ObjectDisposedException>(() => loop.Fs.FStatAsync(closed));
        Assert.False(loop.IsAlive);
    }
}
