using System.Net.Sockets;
using Loopwire.Tests.Support;
using static Loopwire.Tests.Support.LoopPrograms;

namespace Loopwire.Tests;

/// <summary>
/// <c>fs.readdir(path, { withFileTypes: true })</c> through the pool (L12): each entry's name and what it is, a link
/// as a link, sorted by name as libuv sorts them.
/// </summary>
public sealed class FsDirentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-fs-dirents-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [LinuxFact("entry types as readdir's d_type gives them, and a Unix socket as an entry that is neither")]
    public void Entries_are_files_directories_links_or_other_sorted_by_name()
    {
        // L12: a link is a link whatever it points to, or if it points nowhere; hidden entries are listed too
        File.WriteAllText(Path(["b.txt"]), "b");
        File.WriteAllText(Path([".hidden"]), "h");
        Directory.CreateDirectory(Path(["a-dir"]));
        File.CreateSymbolicLink(Path(["link-to-file"]), "b.txt");
        Directory.CreateSymbolicLink(Path(["link-to-dir"]), "a-dir");
        File.CreateSymbolicLink(Path(["dangling"]), "nowhere");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path(["Socket"])));

        Dirent[] entries = OnLoop(loop => loop.Fs.ReadDirAsync(_directory, withFileTypes: true).AsTask());

        Assert.Equal(
            [new(".hidden", DirentKind.File), new("Socket", DirentKind.Other), new("a-dir", DirentKind.Directory), new("b.txt", DirentKind.File),
             new("dangling", DirentKind.SymbolicLink), new("link-to-dir", DirentKind.SymbolicLink), new("link-to-file", DirentKind.SymbolicLink)],
            entries);
        Assert.Equal((true, false, false), (entries[3].IsFile, entries[3].IsDirectory, entries[3].IsSymbolicLink));
        Assert.Equal((false, false, true), (entries[5].IsFile, entries[5].IsDirectory, entries[5].IsSymbolicLink));
    }

    [Fact]
    public void A_missing_directory_or_a_file_is_reported_as_scandir()
    {
        // L12: the same errors as the names-only readdir
        File.WriteAllText(Path(["file"]), "x");

        var missing = FailureOnLoop(loop => loop.Fs.ReadDirAsync(Path(["missing"]), withFileTypes: true).AsTask());
        var file = FailureOnLoop(loop => loop.Fs.ReadDirAsync(Path(["file"]), withFileTypes: true).AsTask());
        var empty = FailureOnLoop(loop => loop.Fs.ReadDirAsync("", withFileTypes: true).AsTask());

        Assert.IsType<DirectoryNotFoundException>(missing);
        Assert.Equal($"ENOENT: no such file or directory, scandir '{Path(["missing"])}'", missing.Message);
        Assert.IsType<DirectoryNotFoundException>(file);
        Assert.Equal($"ENOTDIR: not a directory, scandir '{Path(["file"])}'", file.Message);
        Assert.Equal("ENOENT: no such file or directory, scandir ''", empty.Message);
    }

    [Fact]
    public void The_callback_runs_on_the_loop_and_bad_arguments_throw_at_the_call()
    {
        // L12, L1: names-only listing is ReadDir(path), so withFileTypes: false is refused at the call
        File.WriteAllText(Path(["only.txt"]), "x");
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        string? listed = null;

        Assert.Equal("withFileTypes", Assert.Throws<ArgumentException>(() => loop.Fs.ReadDir(_directory, withFileTypes: false, (_, _) => { })).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => loop.Fs.ReadDirAsync("a\0", withFileTypes: true)).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => loop.Fs.ReadDir(_directory, withFileTypes: true, null!)).ParamName);
        Assert.False(loop.IsAlive);
        loop.Fs.ReadDir(_directory, withFileTypes: true, (error, entries) =>
            listed = $"{error?.Message ?? string.Join(",", entries!)} {(Environment.CurrentManagedThreadId == loopThread ? "on the loop" : "elsewhere")}");

        Assert.False(loop.Run());
        Assert.Equal($"{new Dirent("only.txt", DirentKind.File)} on the loop", listed);
    }

    private string Path(string[] parts) => System.IO.Path.Combine([_directory, .. parts]);
}
