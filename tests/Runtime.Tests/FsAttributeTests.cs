using System.Runtime.Versioning;
using Loopwire.Tests.Support;
using static Loopwire.Tests.Support.LoopPrograms;

namespace Loopwire.Tests;

/// <summary>
/// Attributes through the pool (L12): lstat, access, chmod, utimes and truncate, with Node's behaviour at the edges
/// and Node's wording for errors, in the exception types .NET's file APIs use.
/// </summary>
public sealed class FsAttributeTests : IDisposable
{
    private const UnixFileMode ReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead; // 0644

    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-fs-attributes-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [LinuxFact("a symbolic link's own status")]
    public void LStat_reports_a_link_itself_where_Stat_follows_it()
    {
        // L12: Node's lstat; a link's size is its target's path in bytes
        File.WriteAllText(Path(["five.txt"]), "12345");
        File.CreateSymbolicLink(Path(["link"]), "five.txt");
        File.CreateSymbolicLink(Path(["broken"]), "missing");

        var (link, followed, file, broken) = OnLoop(async loop =>
            (await loop.Fs.LStatAsync(Path(["link"])), await loop.Fs.StatAsync(Path(["link"])),
             await loop.Fs.LStatAsync(Path(["five.txt"])), await loop.Fs.LStatAsync(Path(["broken"]))));
        var missing = FailureOnLoop(loop => loop.Fs.LStatAsync(Path(["missing"])).AsTask());
        var brokenFollowed = FailureOnLoop(loop => loop.Fs.StatAsync(Path(["broken"])).AsTask());

        Assert.True(link.IsSymbolicLink);
        Assert.False(link.IsFile);
        Assert.Equal("five.txt".Length, link.Size);
        Assert.Equal((5, true, false), (followed.Size, followed.IsFile, followed.IsSymbolicLink));
        Assert.Equal((5, true, false), (file.Size, file.IsFile, file.IsSymbolicLink));
        Assert.True(broken.IsSymbolicLink);
        Assert.IsType<FileNotFoundException>(missing);
        Assert.Equal($"ENOENT: no such file or directory, lstat '{Path(["missing"])}'", missing.Message);
        Assert.Equal($"ENOENT: no such file or directory, stat '{Path(["broken"])}'", brokenFollowed.Message);
    }

    [LinuxFact("access(2) refuses X_OK on a file with no execute bit, even to root")]
    [UnsupportedOSPlatform("windows")]
    public void Access_allows_what_the_process_may_do_and_words_what_it_may_not()
    {
        // L12: Node's fs.access with F_OK, R_OK, W_OK, X_OK; a directory's X_OK is search
        File.WriteAllText(Path(["file"]), "x");
        File.SetUnixFileMode(Path(["file"]), ReadWrite);

        OnLoop(async loop =>
        {
            await loop.Fs.AccessAsync(Path(["file"]));
            await loop.Fs.AccessAsync(Path(["file"]), AccessMode.Read | AccessMode.Write);
            await loop.Fs.AccessAsync(_directory, AccessMode.Execute);
            return true;
        });
        var execute = FailureOnLoop(loop => loop.Fs.AccessAsync(Path(["file"]), AccessMode.Execute).AsTask());
        var missing = FailureOnLoop(loop => loop.Fs.AccessAsync(Path(["missing"])).AsTask());
        var throughFile = FailureOnLoop(loop => loop.Fs.AccessAsync(Path(["file", "child"])).AsTask());

        Assert.IsType<UnauthorizedAccessException>(execute);
        Assert.Equal($"EACCES: permission denied, access '{Path(["file"])}'", execute.Message);
        Assert.IsType<FileNotFoundException>(missing);
        Assert.Equal($"ENOENT: no such file or directory, access '{Path(["missing"])}'", missing.Message);
        Assert.IsType<DirectoryNotFoundException>(throughFile);
        Assert.Equal($"ENOTDIR: not a directory, access '{Path(["file", "child"])}'", throughFile.Message);
    }

    [LinuxFact("Unix mode bits")]
    [UnsupportedOSPlatform("windows")]
    public void Chmod_sets_the_mode_bits_and_follows_a_link()
    {
        // L12: Node's chmod, through a link to its target
        File.WriteAllText(Path(["file"]), "x");
        File.CreateSymbolicLink(Path(["link"]), "file");
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite; // 0600

        OnLoop(async loop => { await loop.Fs.ChmodAsync(Path(["file"]), ReadWrite | UnixFileMode.UserExecute); return true; });
        UnixFileMode direct = File.GetUnixFileMode(Path(["file"]));
        OnLoop(async loop => { await loop.Fs.ChmodAsync(Path(["link"]), ownerOnly); return true; });
        var missing = FailureOnLoop(loop => loop.Fs.ChmodAsync(Path(["missing"]), ownerOnly).AsTask());

        Assert.Equal(ReadWrite | UnixFileMode.UserExecute, direct);
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path(["file"])));
        Assert.IsType<FileNotFoundException>(missing);
        Assert.Equal($"ENOENT: no such file or directory, chmod '{Path(["missing"])}'", missing.Message);
    }

    [LinuxFact("a symbolic link's own times")]
    public void Utimes_sets_both_times_of_a_file_or_directory_and_follows_a_link()
    {
        // L12: Node's utimes; the syscall Node names is utime
        File.WriteAllText(Path(["file"]), "x");
        File.CreateSymbolicLink(Path(["link"]), "file");
        var accessed = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var modified = new DateTimeOffset(2002, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);
        DateTime linkModified = new FileInfo(Path(["link"])).LastWriteTimeUtc;

        OnLoop(async loop =>
        {
            await loop.Fs.UtimesAsync(Path(["link"]), accessed, modified);
            await loop.Fs.UtimesAsync(_directory, accessed, modified);
            return true;
        });
        var missing = FailureOnLoop(loop => loop.Fs.UtimesAsync(Path(["missing"]), accessed, modified).AsTask());

        Assert.Equal(accessed.UtcDateTime, File.GetLastAccessTimeUtc(Path(["file"])));
        Assert.Equal(modified.UtcDateTime, File.GetLastWriteTimeUtc(Path(["file"])));
        Assert.Equal(linkModified, new FileInfo(Path(["link"])).LastWriteTimeUtc);
        Assert.Equal(modified.UtcDateTime, Directory.GetLastWriteTimeUtc(_directory));
        Assert.IsType<FileNotFoundException>(missing);
        Assert.Equal($"ENOENT: no such file or directory, utime '{Path(["missing"])}'", missing.Message);
    }

    [Fact]
    public void Truncate_cuts_and_extends_with_zeros_and_clamps_a_negative_length()
    {
        // L12: Node's truncate opens the file, so its errors name open; len < 0 is 0, as Node clamps it
        File.WriteAllText(Path(["file"]), "hello world");
        File.WriteAllText(Path(["other"]), "other");
        Directory.CreateDirectory(Path(["sub"]));

        var (cut, extended) = OnLoop(async loop =>
        {
            await loop.Fs.TruncateAsync(Path(["file"]), 5);
            string cut = File.ReadAllText(Path(["file"]));
            await loop.Fs.TruncateAsync(Path(["file"]), 7);
            byte[] extended = File.ReadAllBytes(Path(["file"]));
            await loop.Fs.TruncateAsync(Path(["file"]), -1);
            await loop.Fs.TruncateAsync(Path(["other"]));
            return (cut, extended);
        });
        var missing = FailureOnLoop(loop => loop.Fs.TruncateAsync(Path(["missing"]), 1).AsTask());
        var directory = FailureOnLoop(loop => loop.Fs.TruncateAsync(Path(["sub"]), 1).AsTask());

        Assert.Equal("hello", cut);
        Assert.Equal("hello\0\0"u8.ToArray(), extended);
        Assert.Equal(0, new FileInfo(Path(["file"])).Length);
        Assert.Equal(0, new FileInfo(Path(["other"])).Length);
        Assert.IsType<FileNotFoundException>(missing);
        Assert.Equal($"ENOENT: no such file or directory, open '{Path(["missing"])}'", missing.Message);
        Assert.IsType<UnauthorizedAccessException>(directory);
        Assert.Equal($"EISDIR: illegal operation on a directory, open '{Path(["sub"])}'", directory.Message);
    }

    [Fact]
    public void An_empty_path_is_ENOENT_as_Node_reports_it()
    {
        // L12: the system's answer for "", not .NET's ArgumentException
        var failures = new[]
        {
            FailureOnLoop(loop => loop.Fs.LStatAsync("").AsTask()),
            FailureOnLoop(loop => loop.Fs.AccessAsync("").AsTask()),
            FailureOnLoop(loop => loop.Fs.ChmodAsync("", ReadWrite).AsTask()),
            FailureOnLoop(loop => loop.Fs.UtimesAsync("", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch).AsTask()),
            FailureOnLoop(loop => loop.Fs.TruncateAsync("").AsTask()),
        };

        Assert.Equal(
            ["ENOENT: no such file or directory, lstat ''", "ENOENT: no such file or directory, access ''", "ENOENT: no such file or directory, chmod ''",
             "ENOENT: no such file or directory, utime ''", "ENOENT: no such file or directory, open ''"],
            failures.Select(failure => failure.Message));
        Assert.All(failures, failure => Assert.IsType<FileNotFoundException>(failure));
    }

    [Fact]
    public void Callback_forms_run_on_the_loop_with_the_error_or_null()
    {
        // L12: each call completes on the loop thread; an error arrives as the callback's first argument
        File.WriteAllText(Path(["file"]), "hello");
        using var loop = new EventLoop();
        var log = new List<string>();
        int loopThread = Environment.CurrentManagedThreadId;
        void Record(string call, Exception? error) =>
            log.Add($"{call}: {(error is null ? "ok" : error.Message.Split(':')[0])} {(Environment.CurrentManagedThreadId == loopThread ? "on the loop" : "elsewhere")}");

        loop.Fs.LStat(Path(["file"]), (error, stat) => Record($"lstat {stat.Size}", error));
        loop.Fs.Access(Path(["missing"]), AccessMode.Read, error => Record("access", error));
        loop.Fs.Chmod(Path(["missing"]), ReadWrite, error => Record("chmod", error));
        loop.Fs.Utimes(Path(["file"]), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, error => Record("utimes", error));
        loop.Fs.Truncate(Path(["missing"]), 0, error => Record("truncate", error));

        Assert.False(loop.Run());
        Assert.Equal(
            ["access: ENOENT on the loop", "chmod: ENOENT on the loop", "lstat 5: ok on the loop", "truncate: ENOENT on the loop", "utimes: ok on the loop"],
            log.Order());
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call_and_queue_nothing()
    {
        // L1: nothing is queued, so the loop has nothing to do; Node rejects a mode outside 0..7 (ERR_OUT_OF_RANGE)
        using var loop = new EventLoop();

        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => loop.Fs.LStat(null!, (_, _) => { })).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => loop.Fs.LStatAsync("a\0b")).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => loop.Fs.Access("x", AccessMode.Read, null!)).ParamName);
        Assert.Equal("mode", Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.AccessAsync("x", (AccessMode)8)).ParamName);
        Assert.Equal("mode", Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.Access("x", (AccessMode)(-1), _ => { })).ParamName);
        Assert.Equal("mode", Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.ChmodAsync("x", (UnixFileMode)0x1000)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => loop.Fs.Chmod("x\0", ReadWrite, _ => { })).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => loop.Fs.UtimesAsync(null!, default, default)).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => loop.Fs.Truncate("x", 0, null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => loop.Fs.TruncateAsync("\0")).ParamName);
        Assert.False(loop.IsAlive);
    }

    private string Path(string[] parts) => System.IO.Path.Combine([_directory, .. parts]);
}
