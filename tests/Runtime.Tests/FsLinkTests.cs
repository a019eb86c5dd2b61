using Loopwire.Tests.Support;
using static Loopwire.Tests.Support.LoopPrograms;

namespace Loopwire.Tests;

/// <summary>
/// Links through the pool (L12): symlink, readlink, realpath and link, with Node's behaviour at the edges and Node's
/// wording for errors (<c>EEXIST: file already exists, symlink 'a' -&gt; 'b'</c>), in the exception types .NET's file APIs use.
/// </summary>
public sealed class FsLinkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-fs-links-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [LinuxFact("symbolic links as symlink(2) makes them")]
    public void Symlink_keeps_the_target_as_written_and_need_not_find_it()
    {
        // L12: a relative target is relative to the link's directory; a dangling link is fine
        File.WriteAllText(Path(["target.txt"]), "through the link");

        string target = OnLoop(async loop =>
        {
            await loop.Fs.SymlinkAsync("target.txt", Path(["link"]));
            await loop.Fs.SymlinkAsync("nowhere", Path(["dangling"]));
            return await loop.Fs.ReadLinkAsync(Path(["link"]));
        });

        Assert.Equal("target.txt", target);
        Assert.Equal("through the link", File.ReadAllText(Path(["link"])));
        Assert.Equal("nowhere", new FileInfo(Path(["dangling"])).LinkTarget);
    }

    [LinuxFact("symlink(2)'s errors")]
    public void Symlink_reports_an_existing_path_and_a_missing_or_file_parent_with_both_paths()
    {
        // L12: Node names both: symlink 'target' -> 'path'
        File.WriteAllText(Path(["file"]), "x");

        var existing = FailureOnLoop(loop => loop.Fs.SymlinkAsync("file", Path(["file"])).AsTask());
        var noParent = FailureOnLoop(loop => loop.Fs.SymlinkAsync("file", Path(["absent", "link"])).AsTask());
        var fileParent = FailureOnLoop(loop => loop.Fs.SymlinkAsync("file", Path(["file", "link"])).AsTask());

        Assert.IsType<IOException>(existing);
        Assert.Equal($"EEXIST: file already exists, symlink 'file' -> '{Path(["file"])}'", existing.Message);
        Assert.IsType<DirectoryNotFoundException>(noParent);
        Assert.Equal($"ENOENT: no such file or directory, symlink 'file' -> '{Path(["absent", "link"])}'", noParent.Message);
        Assert.IsType<DirectoryNotFoundException>(fileParent);
        Assert.Equal($"ENOTDIR: not a directory, symlink 'file' -> '{Path(["file", "link"])}'", fileParent.Message);
    }

    [LinuxFact("readlink(2)'s errors")]
    public void ReadLink_reports_a_path_that_is_not_a_link_as_EINVAL()
    {
        // L12: as Node's readlinkSync('/etc/passwd'): EINVAL for a file or directory, ENOENT for nothing
        File.WriteAllText(Path(["file"]), "x");

        var file = FailureOnLoop(loop => loop.Fs.ReadLinkAsync(Path(["file"])).AsTask());
        var directory = FailureOnLoop(loop => loop.Fs.ReadLinkAsync(_directory).AsTask());
        var missing = FailureOnLoop(loop => loop.Fs.ReadLinkAsync(Path(["missing"])).AsTask());

        Assert.IsType<IOException>(file);
        Assert.Equal($"EINVAL: invalid argument, readlink '{Path(["file"])}'", file.Message);
        Assert.Equal($"EINVAL: invalid argument, readlink '{_directory}'", directory.Message);
        Assert.IsType<FileNotFoundException>(missing);
        Assert.Equal($"ENOENT: no such file or directory, readlink '{Path(["missing"])}'", missing.Message);
    }

    [LinuxFact("realpath(3)")]
    public void RealPath_resolves_every_link_and_dot_on_the_way()
    {
        // L12: as fs.promises.realpath: links among the directories too, and .. after a link is the target's parent
        Directory.CreateDirectory(Path(["real", "sub"]));
        Directory.CreateDirectory(Path(["elsewhere", "deep"]));
        Directory.CreateSymbolicLink(Path(["alias"]), "real");
        Directory.CreateSymbolicLink(Path(["real", "jump"]), Path(["elsewhere", "deep"]));

        var (resolved, parent, root) = OnLoop(async loop =>
            (await loop.Fs.RealPathAsync(Path(["alias", "sub", ".", "..", "sub"])),
             await loop.Fs.RealPathAsync(Path(["alias", "jump", ".."])),
             await loop.Fs.RealPathAsync(_directory)));

        Assert.Equal(System.IO.Path.Combine(root, "real", "sub"), resolved);
        Assert.Equal(System.IO.Path.Combine(root, "elsewhere"), parent);
    }

    [LinuxFact("realpath(3)'s errors")]
    public void RealPath_reports_a_missing_entry_a_dangling_link_and_a_loop()
    {
        // L12: errors name realpath, as fs.promises.realpath and fs.realpath.native do
        File.CreateSymbolicLink(Path(["dangling"]), "nowhere");
        File.CreateSymbolicLink(Path(["ping"]), "pong");
        File.CreateSymbolicLink(Path(["pong"]), "ping");

        var missing = FailureOnLoop(loop => loop.Fs.RealPathAsync(Path(["missing"])).AsTask());
        var dangling = FailureOnLoop(loop => loop.Fs.RealPathAsync(Path(["dangling"])).AsTask());
        var cycle = FailureOnLoop(loop => loop.Fs.RealPathAsync(Path(["ping"])).AsTask());

        Assert.IsType<FileNotFoundException>(missing);
        Assert.Equal($"ENOENT: no such file or directory, realpath '{Path(["missing"])}'", missing.Message);
        Assert.Equal($"ENOENT: no such file or directory, realpath '{Path(["dangling"])}'", dangling.Message);
        Assert.IsType<IOException>(cycle);
        Assert.Equal($"ELOOP: too many symbolic links encountered, realpath '{Path(["ping"])}'", cycle.Message);
    }

    [LinuxFact("hard links are made with link(2) on Linux only")]
    public void Link_gives_a_file_a_second_name_and_words_its_errors_with_both_paths()
    {
        // L12: Node's link; a directory cannot be hard linked (EPERM)
        File.WriteAllText(Path(["file"]), "one");
        Directory.CreateDirectory(Path(["sub"]));

        OnLoop(async loop => { await loop.Fs.LinkAsync(Path(["file"]), Path(["second"])); return true; });
        File.WriteAllText(Path(["second"]), "same file");
        var existing = FailureOnLoop(loop => loop.Fs.LinkAsync(Path(["file"]), Path(["second"])).AsTask());
        var missing = FailureOnLoop(loop => loop.Fs.LinkAsync(Path(["missing"]), Path(["third"])).AsTask());
        var directory = FailureOnLoop(loop => loop.Fs.LinkAsync(Path(["sub"]), Path(["third"])).AsTask());

        Assert.Equal("same file", File.ReadAllText(Path(["file"])));
        Assert.Null(new FileInfo(Path(["second"])).LinkTarget);
        Assert.IsType<IOException>(existing);
        Assert.Equal($"EEXIST: file already exists, link '{Path(["file"])}' -> '{Path(["second"])}'", existing.Message);
        Assert.IsType<FileNotFoundException>(missing);
        Assert.Equal($"ENOENT: no such file or directory, link '{Path(["missing"])}' -> '{Path(["third"])}'", missing.Message);
        Assert.IsType<UnauthorizedAccessException>(directory);
        Assert.Equal($"EPERM: operation not permitted, link '{Path(["sub"])}' -> '{Path(["third"])}'", directory.Message);
    }

    [LinuxFact("the system's answers for an empty path")]
    public void An_empty_path_is_ENOENT_as_Node_reports_it()
    {
        // L12: the system's answer for "", not .NET's ArgumentException
        var failures = new[]
        {
            FailureOnLoop(loop => loop.Fs.SymlinkAsync("", Path(["link"])).AsTask()),
            FailureOnLoop(loop => loop.Fs.ReadLinkAsync("").AsTask()),
            FailureOnLoop(loop => loop.Fs.RealPathAsync("").AsTask()),
            FailureOnLoop(loop => loop.Fs.LinkAsync("", Path(["link"])).AsTask()),
        };

        Assert.Equal(
            [$"ENOENT: no such file or directory, symlink '' -> '{Path(["link"])}'", "ENOENT: no such file or directory, readlink ''",
             "ENOENT: no such file or directory, realpath ''", $"ENOENT: no such file or directory, link '' -> '{Path(["link"])}'"],
            failures.Select(failure => failure.Message));
        Assert.All(failures, failure => Assert.IsType<FileNotFoundException>(failure));
    }

    [LinuxFact("hard links are made with link(2) on Linux only")]
    public void Callback_forms_run_on_the_loop_with_the_error_or_null()
    {
        // L12: each call completes on the loop thread; an error arrives as the callback's first argument
        File.WriteAllText(Path(["file"]), "x");
        using var loop = new EventLoop();
        var log = new List<string>();
        int loopThread = Environment.CurrentManagedThreadId;
        void Record(string call, Exception? error) =>
            log.Add($"{call}: {(error is null ? "ok" : error.Message.Split(':')[0])} {(Environment.CurrentManagedThreadId == loopThread ? "on the loop" : "elsewhere")}");

        loop.Fs.Symlink("file", Path(["link"]), error =>
        {
            Record("symlink", error);
            loop.Fs.ReadLink(Path(["link"]), (error, target) => Record($"readlink {target}", error));
            loop.Fs.RealPath(Path(["link"]), (error, resolved) => Record($"realpath {System.IO.Path.GetFileName(resolved)}", error));
        });
        loop.Fs.ReadLink(Path(["file"]), (error, target) => Record($"readlink of a file {target ?? "null"}", error));
        loop.Fs.Link(Path(["file"]), Path(["hard"]), error => Record("link", error));

        Assert.False(loop.Run());
        Assert.Equal(
            ["link: ok on the loop", "readlink file: ok on the loop", "readlink of a file null: EINVAL on the loop", "realpath file: ok on the loop",
             "symlink: ok on the loop"],
            log.Order());
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call_and_queue_nothing()
    {
        // L1: nothing is queued, so the loop has nothing to do
        using var loop = new EventLoop();

        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => loop.Fs.Symlink(null!, "b", _ => { })).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => loop.Fs.SymlinkAsync("a", "b\0")).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => loop.Fs.ReadLink("a", null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => loop.Fs.RealPathAsync(null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => loop.Fs.RealPath("\0", (_, _) => { })).ParamName);
        Assert.Equal("newPath", Assert.Throws<ArgumentException>(() => loop.Fs.LinkAsync("a", "b\0")).ParamName);
        Assert.Equal("existingPath", Assert.Throws<ArgumentNullException>(() => loop.Fs.Link(null!, "b", _ => { })).ParamName);
        Assert.False(loop.IsAlive);
    }

    private string Path(string[] parts) => System.IO.Path.Combine([_directory, .. parts]);
}
