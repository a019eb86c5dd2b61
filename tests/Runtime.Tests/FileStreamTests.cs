using System.Text;

namespace Loopwire.Tests;

/// <summary>File streams on the pool (L12): Node's fs.createReadStream and fs.createWriteStream, pause, drain and pipe.</summary>
public sealed class FileStreamTests : IDisposable
{
    private const int MiB = 1024 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-fs-streams-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Reads_a_file_in_high_water_mark_chunks_in_order_then_end_then_close()
    {
        // L12: one read at a time on the pool, each emitted on the loop in order (E1); L1: nothing holds the loop after close
        string path = WriteRandomFile("one-mib.bin", MiB);
        using var loop = new EventLoop();
        var log = new List<string>();
        var chunks = new List<ReadOnlyMemory<byte>>();

        FileReadStream stream = loop.Fs.CreateReadStream(path);
        stream.On.Open(() => log.Add("open"))
              .On.Ready(() => log.Add("ready"))
              .On.Data(chunk => { chunks.Add(chunk); log.Add("data"); })
              .On.End(() => log.Add($"end {stream.IsEnded}"))
              .On.Closed(() => log.Add("close"));

        Assert.False(loop.Run());
        Assert.Equal(["open", "ready", .. Enumerable.Repeat("data", 16), "end True", "close"], log);
        Assert.All(chunks, chunk => Assert.Equal(64 * 1024, chunk.Length));
        Assert.Equal(File.ReadAllBytes(path), chunks.SelectMany(chunk => chunk.ToArray()).ToArray()); // kept chunks are intact
        Assert.Equal(MiB, stream.BytesRead);
        Assert.True(stream.IsDestroyed);
        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void Bytes_read_before_a_data_listener_wait_for_it_and_no_further_read_is_made_meanwhile()
    {
        // Node: a stream with no 'data' listener stays paused, so nothing is lost; its first listener starts the flow,
        // after the current callback (newListener runs before the listener is added, E3).
        string path = WriteRandomFile("late-listener.bin", MiB);
        using var loop = new EventLoop();
        var received = new MemoryStream();
        long readBeforeListener = -1;
        FileReadStream stream = loop.Fs.CreateReadStream(path);
        Timer? waiting = null;
        waiting = loop.SetInterval(() =>
        {
            if (stream.BytesRead == 0)
            {
                return; // the first read is still on the pool
            }

            loop.ClearInterval(waiting);
            loop.SetTimeout(() => // a while later: still one read, held
            {
                readBeforeListener = stream.BytesRead;
                stream.On.Data(chunk => received.Write(chunk.Span));
            }, 20);
        }, 1);

        Assert.False(loop.Run());

        Assert.Equal(64 * 1024, readBeforeListener);
        Assert.Equal(File.ReadAllBytes(path), received.ToArray());
    }

    [Fact]
    public void Start_and_inclusive_end_bound_the_range()
    {
        // L12: reads ask only for the range, as Node's start/end
        string path = Path.Combine(_directory, "range.txt");
        File.WriteAllText(path, "0123456789");
        using var loop = new EventLoop();
        var ranged = new List<string>();
        var pastEnd = new List<string>();

        loop.Fs.CreateReadStream(path, start: 2, end: 5, highWaterMark: 3)
            .On.Data(chunk => ranged.Add(Encoding.ASCII.GetString(chunk.Span)))
            .On.End(() => ranged.Add("end"));
        loop.Fs.CreateReadStream(path, start: 8, end: 100)
            .On.Data(chunk => pastEnd.Add(Encoding.ASCII.GetString(chunk.Span)))
            .On.End(() => pastEnd.Add("end"));

        Assert.False(loop.Run());
        Assert.Equal(["234", "5", "end"], ranged);
        Assert.Equal(["89", "end"], pastEnd);
    }

    [Fact]
    public void A_missing_file_is_an_error_then_close_without_data()
    {
        // L12: the open fails on the pool; E1: error, then close, as Node's autoDestroy
        string path = Path.Combine(_directory, "absent.bin");
        using var loop = new EventLoop();
        var log = new List<string>();
        Exception? error = null;

        FileReadStream stream = loop.Fs.CreateReadStream(path);
        stream.On.Open(() => log.Add("open"))
              .On.Data(_ => log.Add("data"))
              .On.End(() => log.Add("end"))
              .On.Error(e => { error = e; log.Add("error"); })
              .On.Closed(() => log.Add("close"));

        Assert.False(loop.Run());
        Assert.Equal(["error", "close"], log);
        Assert.IsType<FileNotFoundException>(error);
        Assert.Equal($"ENOENT: no such file or directory, open '{path}'", error.Message);
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public void A_paused_stream_holds_the_chunk_read_ahead_and_does_not_keep_the_loop_alive_until_resumed()
    {
        // L1: a paused stream has no request under way once its read ahead is done, so the loop stops; L12: Resume
        // reads on, in order. Node's readable refills its buffer while listeners run: the second read ran then.
        string path = WriteRandomFile("paused.bin", 4 * 1024);
        using var loop = new EventLoop();
        var chunks = new List<byte[]>();
        var log = new List<string>();

        FileReadStream stream = loop.Fs.CreateReadStream(path, highWaterMark: 1024);
        stream.On.Data(chunk =>
        {
            chunks.Add(chunk.ToArray());
            if (chunks.Count == 1)
            {
                stream.Pause();
            }
        })
        .On.End(() => log.Add("end"))
        .On.Closed(() => log.Add("close"));

        Assert.False(loop.Run());
        Assert.Single(chunks);
        Assert.True(stream.IsPaused);
        Assert.Equal(2 * 1024, stream.BytesRead); // the chunk read ahead, held; no read after it
        Assert.Empty(log);

        stream.Resume();
        Assert.False(stream.IsPaused);
        Assert.Single(chunks); // held data comes after the current callback, not inside Resume

        Assert.False(loop.Run());
        Assert.Equal(4, chunks.Count);
        Assert.Equal(File.ReadAllBytes(path), chunks.SelectMany(chunk => chunk).ToArray());
        Assert.Equal(["end", "close"], log);
    }

    [Fact]
    public void Destroy_stops_the_stream_and_emits_its_error_then_close()
    {
        // E1: error, then close, once the file is closed on the pool; no end
        string path = WriteRandomFile("destroyed.bin", 4 * 1024);
        using var loop = new EventLoop();
        var log = new List<string>();
        var failure = new InvalidDataException("enough");

        FileReadStream stream = loop.Fs.CreateReadStream(path, highWaterMark: 1024);
        stream.On.Data(_ => { log.Add("data"); stream.Destroy(failure); })
              .On.End(() => log.Add("end"))
              .On.Error(e => log.Add($"error {e.Message}"))
              .On.Closed(() => log.Add("close"));

        Assert.False(loop.Run());
        Assert.Equal(["data", "error enough", "close"], log);
        Assert.True(stream.IsDestroyed);
        Assert.False(stream.IsEnded);
    }

    [Fact]
    public void Writes_land_in_order_and_end_brings_finish_then_close()
    {
        // L12: one write at a time on the pool, in order; E1: finish, then close
        string path = Path.Combine(_directory, "ordered.txt");
        using var loop = new EventLoop();
        var log = new List<string>();
        var expected = new StringBuilder();

        FileWriteStream stream = loop.Fs.CreateWriteStream(path);
        stream.On.Open(() => log.Add("open"))
              .On.Ready(() => log.Add("ready"))
              .On.Finish(() => log.Add($"finish {stream.IsFinished} {stream.WritableLength}"))
              .On.Closed(() => log.Add("close"));
        for (int i = 0; i < 200; i++)
        {
            string line = $"line {i}\n";
            expected.Append(line);
            stream.Write(line);
        }

        stream.End();
        stream.End(); // a second End does nothing more

        Assert.False(loop.Run());
        Assert.Equal(["open", "ready", "finish True 0", "close"], log);
        Assert.Equal(expected.ToString(), File.ReadAllText(path));
        Assert.Equal(expected.Length, stream.BytesWritten);
    }

    [Fact]
    public void Chunks_queued_while_the_file_opens_or_a_write_runs_go_in_one_gathering_write()
    {
        // L12: one write at a time; Node's write stream hands what it has buffered to one writev, not one write each.
        string path = Path.Combine(_directory, "gathered.bin");
        using var loop = new EventLoop();
        FileWriteStream stream = loop.Fs.CreateWriteStream(path, highWaterMark: 64 * 1024);
        var seen = new List<long>(); // BytesWritten after each iteration's poll phase, where writes complete
        var check = new CheckHandle(loop);
        check.Start(() => seen.Add(stream.BytesWritten));
        check.Unref();
        for (int i = 0; i < 40; i++)
        {
            stream.Write(new byte[1024]); // all queued while the file opens
        }

        stream.End();
        Assert.False(loop.Run());
        check.Dispose();

        Assert.Equal([40 * 1024], seen.Where(bytes => bytes > 0).Distinct());
        Assert.Equal(40 * 1024, new FileInfo(path).Length);
    }

    [Fact]
    public void Write_returns_false_at_the_high_water_mark_then_drain()
    {
        // L12: queued bytes count until written; E1: drain once the queue is empty
        string path = Path.Combine(_directory, "drain.txt");
        File.WriteAllText(path, "old contents, truncated by w");
        using var loop = new EventLoop();
        var log = new List<string>();

        FileWriteStream stream = loop.Fs.CreateWriteStream(path, highWaterMark: 10);
        stream.On.Drain(() =>
        {
            log.Add($"drain {stream.WritableLength}");
            log.Add($"write {stream.Write("!")}");
            stream.End();
        })
        .On.Finish(() => log.Add("finish"))
        .On.Closed(() => log.Add("close"));

        log.Add($"write {stream.Write("hello")}");
        log.Add($"write {stream.Write("world")}");
        log.Add($"queued {stream.WritableLength}");

        Assert.False(loop.Run());
        Assert.Equal(["write True", "write False", "queued 10", "drain 0", "write True", "finish", "close"], log);
        Assert.Equal("helloworld!", File.ReadAllText(path));
    }

    [Fact]
    public void Write_after_end_throws()
    {
        // Node's write after end, as ProcessWritable; the ended stream still finishes (L12)
        string path = Path.Combine(_directory, "ended.txt");
        using var loop = new EventLoop();
        var log = new List<string>();

        FileWriteStream stream = loop.Fs.CreateWriteStream(path);
        stream.On.Finish(() => log.Add("finish")).On.Closed(() => log.Add("close"));
        stream.Write("once");
        stream.End();

        var error = Assert.Throws<InvalidOperationException>(() => stream.Write("twice"));
        Assert.StartsWith("write after end", error.Message);
        Assert.False(loop.Run());
        Assert.Equal(["finish", "close"], log);
        Assert.Equal("once", File.ReadAllText(path));
    }

    [Fact]
    public void Append_flags_add_to_the_end_and_open_errors_are_error_then_close()
    {
        // L12: Node's a flag; E1: a failed open is error, then close, with no finish
        string path = Path.Combine(_directory, "append.txt");
        File.WriteAllText(path, "start");
        using var loop = new EventLoop();
        var log = new List<string>();

        FileWriteStream appender = loop.Fs.CreateWriteStream(path, "a");
        appender.Write("+end");
        appender.End();
        FileWriteStream exclusive = loop.Fs.CreateWriteStream(path, "wx");
        exclusive.On.Error(e => log.Add(e.Message)).On.Finish(() => log.Add("finish")).On.Closed(() => log.Add("close"));
        exclusive.Write("lost");
        exclusive.End();

        Assert.False(loop.Run());
        Assert.Equal("start+end", File.ReadAllText(path));
        Assert.Equal([$"EEXIST: file already exists, open '{path}'", "close"], log);
    }

    [Fact]
    public void Pipe_copies_a_file_pausing_the_source_while_the_destination_is_full()
    {
        // L12: reads and writes on the pool; E1: pipe's own data listener runs first, so the next one sees its Pause
        string source = WriteRandomFile("pipe-source.bin", MiB);
        string destination = Path.Combine(_directory, "pipe-copy.bin");
        using var loop = new EventLoop();
        var log = new List<string>();
        int pausedAfterChunk = 0;
        int drains = 0;

        FileReadStream reader = loop.Fs.CreateReadStream(source);
        FileWriteStream writer = reader.Pipe(loop.Fs.CreateWriteStream(destination));
        reader.On.Data(_ => pausedAfterChunk += reader.IsPaused ? 1 : 0).On.Closed(() => log.Add("reader close"));
        writer.On.Drain(() => drains++).On.Finish(() => log.Add("writer finish")).On.Closed(() => log.Add("writer close"));

        Assert.False(loop.Run());
        Assert.True(pausedAfterChunk > 0, "the source was never paused");
        Assert.Equal(16, pausedAfterChunk); // each 64 KiB chunk fills the 16 KiB destination
        Assert.Equal(16, drains);
        Assert.Contains("reader close", log);
        Assert.Equal(["writer finish", "writer close"], log.Where(entry => entry.StartsWith("writer", StringComparison.Ordinal)));
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(destination));
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call()
    {
        // L1: nothing is queued for a call that cannot work
        string path = Path.Combine(_directory, "bad.txt");
        using var loop = new EventLoop();

        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => loop.Fs.CreateReadStream((string)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => loop.Fs.CreateReadStream("a\0b")).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.CreateReadStream(path, start: -1)).ParamName);
        var end = Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.CreateReadStream(path, start: 5, end: 4));
        Assert.Equal("end", end.ParamName);
        Assert.StartsWith("The end (4) is before the start (5)", end.Message);
        Assert.Equal("highWaterMark", Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.CreateReadStream(path, highWaterMark: 0)).ParamName);

        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => loop.Fs.CreateWriteStream((string)null!)).ParamName);
        Assert.Equal("flags", Assert.Throws<ArgumentNullException>(() => loop.Fs.CreateWriteStream(path, null!)).ParamName);
        var flags = Assert.Throws<ArgumentException>(() => loop.Fs.CreateWriteStream(path, "rw"));
        Assert.Equal("flags", flags.ParamName);
        Assert.Contains("r, r+, w, wx, w+, wx+, a, ax, a+, ax+", flags.Message);
        Assert.Equal("highWaterMark", Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.CreateWriteStream(path, highWaterMark: 0)).ParamName);

        Assert.False(loop.IsAlive);
        Assert.False(File.Exists(path));
    }

    private string WriteRandomFile(string name, int length)
    {
        string path = Path.Combine(_directory, name);
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
