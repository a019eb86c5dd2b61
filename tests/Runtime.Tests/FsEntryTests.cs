using System.Runtime.Versioning;
using System.Text;
using Loopwire.Tests.Support;
using static Loopwire.Tests.Support.LoopPrograms;

namespace Loopwire.Tests;

/// <summary>
/// Directories and entries through the pool (L12): readdir, mkdir, mkdtemp, rm, unlink, rename, copyFile and appendFile, with
/// Node's behaviour at the edges and Node's wording for errors, in the exception types .NET's file APIs use.
/// </summary>
public sealed class FsEntryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-fs-entries-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ReadDir_lists_names_and_reports_a_missing_directory_or_a_file()
    {
        // L12: Node's readdir gives names, not paths; its errors name the scandir call.
        Directory.CreateDirectory(Path(["sub"]));
        File.WriteAllText(Path(["a.txt"]), "a");

        string[] names = OnLoop(loop => loop.Fs.ReadDirAsync(_directory).AsTask());
        var missing = FailureOnLoop(loop => loop.Fs.ReadDirAsync(Path(["missing"])).AsTask());
        var file = FailureOnLoop(loop => loop.Fs.ReadDirAsync(Path(["a.txt"])).AsTask());

        Assert.Equal(["a.txt", "sub"], names.Order());
        Assert.IsType<DirectoryNotFoundException>(missing);
        Assert.Equal($"ENOENT: no such file or directory, scandir '{Path(["missing"])}'", missing.Message);
        Assert.IsType<DirectoryNotFoundException>(file);
        Assert.StartsWith("ENOTDIR: not a directory, scandir", file.Message);
    }

    [Fact]
    public void ReadDir_sorts_the_names_as_libuv_does()
    {
        // L12: libuv's scandir sorts with strcmp, so Node lists capitals first, whatever order the directory keeps
        foreach (string name in (string[])["m", "B", "_", "z", "a"])
        {
            File.WriteAllText(Path([name]), name);
        }

        string[] names = OnLoop(loop => loop.Fs.ReadDirAsync(_directory).AsTask());

        Assert.Equal(["B", "_", "a", "m", "z"], names);
    }

    [Fact]
    public void MkDir_needs_the_parent_and_no_existing_entry_unless_recursive()
    {
        // L12: Node's mkdir, with and without { recursive: true }
        string nested = Path(["one", "two", "three"]);
        OnLoop(async loop =>
        {
            await loop.Fs.MkDirAsync(Path(["made"]));
            await loop.Fs.MkDirAsync(nested, recursive: true);
            await loop.Fs.MkDirAsync(nested, recursive: true);
            return true;
        });
        var existing = FailureOnLoop(loop => loop.Fs.MkDirAsync(Path(["made"])).AsTask());
        var noParent = FailureOnLoop(loop => loop.Fs.MkDirAsync(Path(["absent", "child"])).AsTask());

        Assert.True(Directory.Exists(Path(["made"])));
        Assert.True(Directory.Exists(nested));
        Assert.Equal($"EEXIST: file already exists, mkdir '{Path(["made"])}'", existing.Message);
        Assert.IsType<DirectoryNotFoundException>(noParent);
        Assert.StartsWith("ENOENT: no such file or directory, mkdir", noParent.Message);
    }

    [Fact]
    public void MkDir_reports_an_existing_file_and_a_path_through_a_file()
    {
        // L12: EEXIST for the file itself, ENOTDIR for a path that runs through it
        File.WriteAllText(Path(["file"]), "x");

        var overFile = FailureOnLoop(loop => loop.Fs.MkDirAsync(Path(["file"]), recursive: true).AsTask());
        var underFile = FailureOnLoop(loop => loop.Fs.MkDirAsync(Path(["file", "child"])).AsTask());

        Assert.StartsWith("EEXIST: file already exists, mkdir", overFile.Message);
        Assert.IsType<DirectoryNotFoundException>(underFile);
        Assert.StartsWith("ENOTDIR: not a directory, mkdir", underFile.Message);
    }

    [LinuxFact("mkdtemp(3) is called on Linux only")]
    [UnsupportedOSPlatform("windows")]
    public void MkDtemp_makes_a_new_private_directory_named_by_the_prefix_and_six_characters()
    {
        // L12: Node's mkdtemp; each call a directory no other call was given, mode 0700
        string prefix = Path(["run-"]);

        var (first, second) = OnLoop(async loop => (await loop.Fs.MkDtempAsync(prefix), await loop.Fs.MkDtempAsync(prefix)));
        var noParent = FailureOnLoop(loop => loop.Fs.MkDtempAsync(Path(["absent", "run-"])).AsTask());
        File.WriteAllText(Path(["file"]), "x");
        var fileParent = FailureOnLoop(loop => loop.Fs.MkDtempAsync(Path(["file", "run-"])).AsTask());

        Assert.NotEqual(first, second);
        Assert.All([first, second], made =>
        {
            Assert.Matches("^run-[A-Za-z0-9]{6}$", System.IO.Path.GetFileName(made));
            Assert.Equal(_directory, System.IO.Path.GetDirectoryName(made));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(made));
        });
        Assert.IsType<DirectoryNotFoundException>(noParent);
        Assert.Equal($"ENOENT: no such file or directory, mkdtemp '{Path(["absent", "run-XXXXXX"])}'", noParent.Message);
        Assert.IsType<DirectoryNotFoundException>(fileParent);
        Assert.Equal($"ENOTDIR: not a directory, mkdtemp '{Path(["file", "run-XXXXXX"])}'", fileParent.Message);
    }

    [LinuxFact("mkdtemp(3) is called on Linux only")]
    public void MkDtemp_callback_runs_on_the_loop_with_the_new_path()
    {
        // L12
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        string? made = null;
        bool onLoop = false;

        loop.Fs.MkDtemp(Path(["cb-"]), (error, path) => (made, onLoop) = (error is null ? path : error.Message, Environment.CurrentManagedThreadId == loopThread));

        Assert.False(loop.Run());
        Assert.True(onLoop);
        Assert.True(Directory.Exists(made));
    }

    [Fact]
    public void Rm_removes_files_and_directories_only_when_recursive_and_forgives_missing_paths_when_forced()
    {
        // L12: Node's rm, with { recursive, force }
        File.WriteAllText(Path(["file"]), "x");
        Directory.CreateDirectory(Path(["tree", "branch"]));
        File.WriteAllText(Path(["tree", "branch", "leaf"]), "x");

        var directory = FailureOnLoop(loop => loop.Fs.RmAsync(Path(["tree"])).AsTask());
        var missing = FailureOnLoop(loop => loop.Fs.RmAsync(Path(["missing"])).AsTask());
        OnLoop(async loop =>
        {
            await loop.Fs.RmAsync(Path(["file"]));
            await loop.Fs.RmAsync(Path(["tree"]), recursive: true);
            await loop.Fs.RmAsync(Path(["missing"]), force: true);
            return true;
        });

        Assert.StartsWith("EISDIR: illegal operation on a directory, rm", directory.Message);
        Assert.StartsWith("ENOENT: no such file or directory, rm", missing.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void Unlink_deletes_a_file_and_reports_a_missing_one_or_a_directory()
    {
        // L12: where File.Delete would quietly succeed on a missing file, Node's unlink reports ENOENT
        File.WriteAllText(Path(["file"]), "x");
        Directory.CreateDirectory(Path(["sub"]));

        OnLoop(async loop => { await loop.Fs.UnlinkAsync(Path(["file"])); return true; });
        var missing = FailureOnLoop(loop => loop.Fs.UnlinkAsync(Path(["file"])).AsTask());
        var directory = FailureOnLoop(loop => loop.Fs.UnlinkAsync(Path(["sub"])).AsTask());

        Assert.False(File.Exists(Path(["file"])));
        Assert.Equal($"ENOENT: no such file or directory, unlink '{Path(["file"])}'", missing.Message);
        Assert.StartsWith("EISDIR: illegal operation on a directory, unlink", directory.Message);
    }

    [Fact]
    public void Rename_moves_files_and_directories_and_replaces_a_file()
    {
        // L12: rename(2) replaces an existing file at the destination
        File.WriteAllText(Path(["from.txt"]), "new");
        File.WriteAllText(Path(["to.txt"]), "old");
        Directory.CreateDirectory(Path(["dir"]));

        OnLoop(async loop =>
        {
            await loop.Fs.RenameAsync(Path(["from.txt"]), Path(["to.txt"]));
            await loop.Fs.RenameAsync(Path(["dir"]), Path(["moved"]));
            return true;
        });
        var missing = FailureOnLoop(loop => loop.Fs.RenameAsync(Path(["from.txt"]), Path(["x.txt"])).AsTask());
        var noParent = FailureOnLoop(loop => loop.Fs.RenameAsync(Path(["to.txt"]), Path(["absent", "x.txt"])).AsTask());
        var fileParent = FailureOnLoop(loop => loop.Fs.RenameAsync(Path(["to.txt"]), Path(["to.txt", "x.txt"])).AsTask());

        Assert.Equal("new", File.ReadAllText(Path(["to.txt"])));
        Assert.False(File.Exists(Path(["from.txt"])));
        Assert.True(Directory.Exists(Path(["moved"])));
        Assert.Equal($"ENOENT: no such file or directory, rename '{Path(["from.txt"])}' -> '{Path(["x.txt"])}'", missing.Message);

        // An existing source file is no reason for ENOTDIR: only a file on the way to either path is.
        Assert.IsType<DirectoryNotFoundException>(noParent);
        Assert.Equal($"ENOENT: no such file or directory, rename '{Path(["to.txt"])}' -> '{Path(["absent", "x.txt"])}'", noParent.Message);
        Assert.StartsWith("ENOTDIR: not a directory, rename", fileParent.Message);
    }

    [Fact]
    public void CopyFile_copies_and_replaces_and_AppendFile_adds_to_the_end()
    {
        // L12: Node's copyFile without flags replaces the destination; appendFile creates a missing file
        File.WriteAllText(Path(["source.txt"]), "source");
        File.WriteAllText(Path(["copy.txt"]), "stale");

        OnLoop(async loop =>
        {
            await loop.Fs.CopyFileAsync(Path(["source.txt"]), Path(["copy.txt"]));
            await loop.Fs.AppendFileAsync(Path(["copy.txt"]), " and more");
            await loop.Fs.AppendFileAsync(Path(["fresh.txt"]), Encoding.UTF8.GetBytes("fresh"));
            return true;
        });
        var missing = FailureOnLoop(loop => loop.Fs.CopyFileAsync(Path(["absent.txt"]), Path(["copy.txt"])).AsTask());

        Assert.Equal("source and more", File.ReadAllText(Path(["copy.txt"])));
        Assert.Equal("fresh", File.ReadAllText(Path(["fresh.txt"])));
        Assert.Equal($"ENOENT: no such file or directory, copyfile '{Path(["absent.txt"])}' -> '{Path(["copy.txt"])}'", missing.Message);
    }

    [Fact]
    public void Callback_forms_run_on_the_loop_with_the_error_or_null()
    {
        // L12: each call completes on the loop thread; an error arrives as the callback's first argument
        using var loop = new EventLoop();
        var log = new List<string>();
        int loopThread = Environment.CurrentManagedThreadId;
        void Record(string call, Exception? error) =>
            log.Add($"{call}: {(error is null ? "ok" : error.Message.Split(':')[0])} {(Environment.CurrentManagedThreadId == loopThread ? "on the loop" : "elsewhere")}");

        loop.Fs.MkDir(Path(["made"]), error =>
        {
            Record("mkdir", error);
            loop.Fs.MkDir(Path(["made"]), error => Record("mkdir again", error));
            loop.Fs.AppendFile(Path(["made", "log.txt"]), "x", error =>
            {
                Record("appendFile", error);
                loop.Fs.ReadDir(Path(["made"]), (error, names) => Record($"readdir {string.Join(",", names!)}", error));
                loop.Fs.CopyFile(Path(["made", "log.txt"]), Path(["copy.txt"]), error => Record("copyFile", error));
            });
        });
        loop.Fs.Rm(Path(["missing"]), error => Record("rm", error));

        loop.Fs.Unlink(Path(["missing"]), error => Record("unlink", error));
        loop.Fs.Rename(Path(["missing"]), Path(["elsewhere"]), error => Record("rename", error));

        Assert.False(loop.Run());
        Assert.Equal(
            ["appendFile: ok on the loop", "copyFile: ok on the loop", "mkdir again: EEXIST on the loop", "mkdir: ok on the loop",
             "readdir log.txt: ok on the loop", "rename: ENOENT on the loop", "rm: ENOENT on the loop", "unlink: ENOENT on the loop"],
            log.Order());
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call_and_queue_nothing()
    {
        // L1: nothing is queued, so the loop has nothing to do
        using var loop = new EventLoop();

        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => loop.Fs.ReadDir(null!, (_, _) => { })).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => loop.Fs.MkDir("x", null!)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => loop.Fs.Rename("a", "b\0", _ => { })).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => loop.Fs.CopyFileAsync(null!, "b")).ParamName);
        Assert.Equal("prefix", Assert.Throws<ArgumentNullException>(() => loop.Fs.MkDtempAsync(null!)).ParamName);
        Assert.Equal("prefix", Assert.Throws<ArgumentException>(() => loop.Fs.MkDtemp("tmp-\0", (_, _) => { })).ParamName);
        Assert.False(loop.IsAlive);
    }

    private string Path(string[] parts) => System.IO.Path.Combine([_directory, .. parts]);
}
