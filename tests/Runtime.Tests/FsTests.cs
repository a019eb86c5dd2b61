using System.Text;

namespace Loopwire.Tests;

/// <summary>File operations on the work pool, completing on the loop (L12, N7).</summary>
public sealed class FsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-fs-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ReadFile_completes_on_the_loop_thread_after_the_main_program()
    {
        // L12, N7: the line after the call runs first, as in the seeds' example.
        string path = Path.Combine(_directory, "hello.txt");
        File.WriteAllText(path, "hello");
        var log = new List<string>();
        int loopThread = -1;
        int callbackThread = -1;

        EventLoop.RunMain(loop =>
        {
            loopThread = Environment.CurrentManagedThreadId;
            loop.Fs.ReadFile(path, Encoding.UTF8, (error, text) =>
            {
                callbackThread = Environment.CurrentManagedThreadId;
                log.Add(error?.Message ?? text!);
            });
            log.Add("after the call");
        });

        Assert.Equal(["after the call", "hello"], log);
        Assert.Equal(loopThread, callbackThread);
    }

    [Fact]
    public void ReadFile_passes_the_bytes_to_its_callback()
    {
        // L12
        string path = Path.Combine(_directory, "bytes.bin");
        byte[] content = [1, 2, 3, 255];
        File.WriteAllBytes(path, content);
        using var loop = new EventLoop();
        byte[]? read = null;

        loop.Fs.ReadFile(path, (error, data) => read = error is null ? data : null);

        Assert.False(loop.Run());
        Assert.Equal(content, read);
    }

    [Fact]
    public void ReadFile_of_a_missing_file_reports_the_error_and_no_data()
    {
        // L12: the pool work's exception reaches the callback.
        using var loop = new EventLoop();
        Exception? reported = null;
        string? text = "not called";

        loop.Fs.ReadFile(Path.Combine(_directory, "missing.txt"), Encoding.UTF8, (error, data) => (reported, text) = (error, data));

        Assert.False(loop.Run());
        Assert.IsType<FileNotFoundException>(reported);
        Assert.Equal($"ENOENT: no such file or directory, open '{Path.Combine(_directory, "missing.txt")}'", reported.Message);
        Assert.Null(text);
    }

    [Fact]
    public void WriteFile_then_ReadFile_round_trips_text_and_bytes()
    {
        // L12
        string textPath = Path.Combine(_directory, "text.txt");
        string bytesPath = Path.Combine(_directory, "bytes.bin");
        using var loop = new EventLoop();
        var log = new List<string>();

        loop.Fs.WriteFile(textPath, "written text", error =>
        {
            Assert.Null(error);
            loop.Fs.ReadFile(textPath, Encoding.UTF8, (_, text) => log.Add(text!));
        });
        loop.Fs.WriteFile(bytesPath, new byte[] { 7, 8, 9 }, error =>
        {
            Assert.Null(error);
            loop.Fs.ReadFile(bytesPath, (_, data) => log.Add(string.Join(",", data!)));
        });

        Assert.False(loop.Run());
        Assert.Equal(["7,8,9", "written text"], log.Order());
    }

    [Fact]
    public void WriteFile_into_a_missing_directory_reports_the_error()
    {
        // L12
        using var loop = new EventLoop();
        Exception? reported = null;

        loop.Fs.WriteFile(Path.Combine(_directory, "no", "such", "dir.txt"), "x", error => reported = error);

        Assert.False(loop.Run());
        Assert.IsType<DirectoryNotFoundException>(reported);
        Assert.StartsWith("ENOENT: no such file or directory, open", reported.Message);
    }

    [Fact]
    public void Stat_reports_files_directories_and_missing_paths()
    {
        // L12
        string path = Path.Combine(_directory, "five.txt");
        File.WriteAllText(path, "12345");
        using var loop = new EventLoop();
        var results = new Dictionary<string, (Exception? Error, FileStat Stat)>();

        loop.Fs.Stat(path, (error, stat) => results["file"] = (error, stat));
        loop.Fs.Stat(_directory, (error, stat) => results["directory"] = (error, stat));
        loop.Fs.Stat(Path.Combine(_directory, "missing"), (error, stat) => results["missing"] = (error, stat));

        Assert.False(loop.Run());
        Assert.Null(results["file"].Error);
        Assert.True(results["file"].Stat.IsFile);
        Assert.Equal(5, results["file"].Stat.Size);
        Assert.True(results["directory"].Stat.IsDirectory);
        Assert.False(results["directory"].Stat.IsFile);
        Assert.IsType<FileNotFoundException>(results["missing"].Error);
    }

    [Fact]
    public void Stat_reports_what_FileInfo_reports()
    {
        // L12: the one-call statx path and .NET's FileInfo agree on every field.
        string path = Path.Combine(_directory, "times.txt");
        File.WriteAllText(path, "1234567");
        File.SetLastWriteTimeUtc(path, new DateTime(2001, 2, 3, 4, 5, 6, 789, DateTimeKind.Utc));
        using var loop = new EventLoop();
        FileStat file = default;
        FileStat directory = default;

        loop.Fs.Stat(path, (error, stat) => file = error is null ? stat : throw error);
        loop.Fs.Stat(_directory, (error, stat) => directory = error is null ? stat : throw error);
        loop.Run();

        // FileInfo on Linux has no birth time (it reports the earliest of the others); statx has it where the file
        // system records one, as Node does. Either way the file was born before it was read.
        var info = new FileInfo(path);
        Assert.Equal(new FileStat(7, true, false, info.LastWriteTimeUtc, info.LastAccessTimeUtc, file.BirthTime), file);
        Assert.Equal(new DateTimeOffset(2001, 2, 3, 4, 5, 6, 789, TimeSpan.Zero), file.ModifiedTime);
        Assert.InRange(file.BirthTime, file.ModifiedTime, DateTimeOffset.UtcNow);
        var directoryInfo = new DirectoryInfo(_directory);
        Assert.Equal(
            new FileStat(0, false, true, directoryInfo.LastWriteTimeUtc, directoryInfo.LastAccessTimeUtc, directory.BirthTime),
            directory);
    }

    [Theory]
    [InlineData("", typeof(FileNotFoundException), "ENOENT: no such file or directory, stat ''")]
    [InlineData("missing/child", typeof(FileNotFoundException), null)]
    [InlineData("five.txt/child", typeof(DirectoryNotFoundException), null)]
    public void Stat_reports_a_bad_path_as_Node_does(string relative, Type expected, string? message)
    {
        // L12: ENOENT and ENOTDIR arrive in the callback as the exceptions .NET's file APIs use.
        File.WriteAllText(Path.Combine(_directory, "five.txt"), "12345");
        string path = relative.Length == 0 ? "" : Path.Combine(_directory, relative);
        using var loop = new EventLoop();
        Exception? reported = null;

        loop.Fs.Stat(path, (error, _) => reported = error);
        loop.Run();

        Assert.IsAssignableFrom(expected, reported);
        if (message is not null)
        {
            Assert.Equal(message, reported!.Message);
        }
    }

    [Fact]
    public void Stat_rejects_a_path_with_a_null_character_at_the_call()
    {
        // L1: rejected before anything is queued, so the loop has nothing to do.
        using var loop = new EventLoop();

        var error = Assert.Throws<ArgumentException>(() => loop.Fs.Stat("file\0.txt", (_, _) => { }));
        Assert.Equal("path", error.ParamName);
        Assert.Throws<ArgumentException>(() => loop.Fs.StatAsync("file\0.txt"));
        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void Awaitable_forms_resume_on_the_loop_thread()
    {
        // L12: write, read back and stat with await; every continuation is on the loop thread.
        string path = Path.Combine(_directory, "async.txt");
        var threads = new HashSet<int>();
        string? text = null;
        byte[]? bytes = null;
        long size = -1;

        int exitCode = EventLoop.RunMain(async loop =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            await loop.Fs.WriteFileAsync(path, "async text");
            threads.Add(Environment.CurrentManagedThreadId);
            text = await loop.Fs.ReadTextFileAsync(path);
            threads.Add(Environment.CurrentManagedThreadId);
            await loop.Fs.WriteFileAsync(path, new byte[] { 1, 2 });
            bytes = await loop.Fs.ReadFileAsync(path);
            size = (await loop.Fs.StatAsync(path)).Size;
            threads.Add(Environment.CurrentManagedThreadId);
        });

        Assert.Equal(0, exitCode);
        Assert.Equal("async text", text);
        Assert.Equal([1, 2], bytes);
        Assert.Equal(2, size);
        Assert.Single(threads);
    }

    [Fact]
    public void Awaited_read_of_a_missing_file_throws_at_the_await()
    {
        // L12, N3: the fault resumes on the loop as the awaited exception.
        Exception? caught = null;

        EventLoop.RunMain(async loop =>
        {
            try
            {
                await loop.Fs.ReadFileAsync(Path.Combine(_directory, "missing.bin"));
            }
            catch (FileNotFoundException error)
            {
                caught = error;
            }
        });

        Assert.NotNull(caught);
    }

    [Fact]
    public void Pending_file_operation_keeps_the_loop_alive()
    {
        // L1, L12: a pending fs request is an active request.
        string path = Path.Combine(_directory, "alive.txt");
        File.WriteAllText(path, "x");
        using var loop = new EventLoop();
        bool done = false;

        loop.Fs.ReadFile(path, (_, _) => done = true);

        Assert.True(loop.IsAlive);
        Assert.False(loop.Run());
        Assert.True(done);
    }
}
