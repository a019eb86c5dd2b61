using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Loopwire.Tests;

/// <summary>
/// The file streams' options as Node 20 has them: <c>fd</c> with <c>autoClose</c>, the write stream's <c>start</c> and
/// <c>flush</c>, and <c>cork</c>/<c>uncork</c>. Each expectation was observed with node 20 first.
/// </summary>
public sealed class FileStreamOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-fs-options-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Streams_over_one_descriptor_without_a_start_read_on_from_its_own_offset()
    {
        // Node: with no start, reads are read(2) at the descriptor's offset, which they move; end counts from there.
        // No 'open' or 'ready' (nothing is opened); autoClose false: no 'close' after 'end', the descriptor stays open.
        string path = WriteFile("digits.txt", "0123456789");
        using SafeFileHandle file = File.OpenHandle(path);
        using var loop = new EventLoop();
        var log = new List<string>();
        FileReadStream? second = null;

        FileReadStream first = loop.Fs.CreateReadStream(file, end: 2, autoClose: false);
        first.On.Open(() => log.Add("first open"))
             .On.Ready(() => log.Add("first ready"))
             .On.Data(chunk => log.Add($"first data {Encoding.ASCII.GetString(chunk.Span)}"))
             .On.End(() =>
             {
                 log.Add("first end");
                 second = loop.Fs.CreateReadStream(file, end: 100); // a bound, so a read that did not move the offset cannot loop
                 second.On.Data(chunk => log.Add($"second data {Encoding.ASCII.GetString(chunk.Span)}"))
                       .On.End(() => log.Add($"second end, file open: {!file.IsClosed}"))
                       .On.Closed(() => log.Add($"second close, file open: {!file.IsClosed}"));
             })
             .On.Closed(() => log.Add("first close"));

        Assert.False(loop.Run());
        Assert.Equal(["first data 012", "first end", "second data 3456789", "second end, file open: True", "second close, file open: False"], log);
        Assert.Null(first.Path);
        Assert.True(first.IsEnded);
        Assert.False(first.IsDestroyed);
        Assert.Equal(7, second!.BytesRead);
    }

    [Fact]
    public void A_start_reads_from_there_and_leaves_the_descriptors_offset_alone()
    {
        // Node: a start makes the reads positioned (pread), so a later read at the offset still reads from 0
        string path = WriteFile("positioned.txt", "0123456789");
        using SafeFileHandle file = File.OpenHandle(path);
        using var loop = new EventLoop();
        var read = new List<string>();

        loop.Fs.CreateReadStream(file, start: 5, autoClose: false)
            .On.Data(chunk => read.Add(Encoding.ASCII.GetString(chunk.Span)))
            .On.End(() => loop.Fs.CreateReadStream(file, end: 100, autoClose: false)
                .On.Data(chunk => read.Add(Encoding.ASCII.GetString(chunk.Span))));

        Assert.False(loop.Run());
        Assert.Equal(["56789", "0123456789"], read);
        Assert.False(file.IsClosed);
    }

    [Fact]
    public void A_failed_read_closes_the_descriptor_with_autoClose_and_leaves_it_open_without()
    {
        // Node: a descriptor open for writing cannot be read (EBADF, named with no path); autoClose: 'error', then the
        // descriptor is closed and 'close'; without it: 'error' only, and the descriptor stays open
        string path = WriteFile("write-only.txt", "0123456789");
        using SafeFileHandle closing = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        using SafeFileHandle kept = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        using var loop = new EventLoop();
        var log = new List<string>();

        FileReadStream autoClosed = loop.Fs.CreateReadStream(closing, start: 0);
        autoClosed.On.Data(_ => log.Add("auto data"))
                  .On.Error(error => log.Add($"auto error {error.Message}"))
                  .On.Closed(() => log.Add($"auto close, file open: {!closing.IsClosed}"));
        FileReadStream left = loop.Fs.CreateReadStream(kept, start: 0, autoClose: false);
        left.On.Data(_ => log.Add("kept data"))
            .On.Error(error => log.Add($"kept error {error.Message}"))
            .On.Closed(() => log.Add("kept close"));

        Assert.False(loop.Run());
        Assert.Equal(["auto error EBADF: bad file descriptor, read", "auto close, file open: False"], log.Where(entry => entry.StartsWith("auto", StringComparison.Ordinal)));
        Assert.Equal(["kept error EBADF: bad file descriptor, read"], log.Where(entry => entry.StartsWith("kept", StringComparison.Ordinal)));
        Assert.False(kept.IsClosed);
        Assert.False(left.IsDestroyed);
        Assert.True(autoClosed.IsDestroyed);
    }

    [Fact]
    public void Destroy_closes_a_descriptor_even_without_autoClose()
    {
        // Node: autoClose only stops the close at 'end' or an error; destroy() closes the descriptor, then 'close'
        string path = WriteFile("destroyed.txt", "0123456789");
        using SafeFileHandle file = File.OpenHandle(path);
        using var loop = new EventLoop();
        var log = new List<string>();

        FileReadStream stream = loop.Fs.CreateReadStream(file, start: 0, autoClose: false);
        stream.On.Data(_ => log.Add("data"))
              .On.End(() => { log.Add("end"); loop.SetImmediate(() => stream.Destroy()); })
              .On.Closed(() => log.Add($"close, file open: {!file.IsClosed}"));

        Assert.False(loop.Run());
        Assert.Equal(["data", "end", "close, file open: False"], log);
        Assert.True(stream.IsDestroyed);
    }

    [Fact]
    public void A_write_start_overwrites_in_place_with_r_plus_and_follows_zeros_with_w()
    {
        // Node's docs: r+ and a start modify a file rather than replace it; w empties it first, so zeros come before
        string kept = WriteFile("r-plus.txt", "0123456789");
        string emptied = WriteFile("w.txt", "0123456789");
        using var loop = new EventLoop();
        var log = new List<string>();

        FileWriteStream overwriting = loop.Fs.CreateWriteStream(kept, "r+", start: 3);
        overwriting.On.Open(() => log.Add("open")).On.Closed(() => log.Add("close"));
        overwriting.Write("ab");
        overwriting.Write("c");
        overwriting.End();
        FileWriteStream truncating = loop.Fs.CreateWriteStream(emptied, start: 3);
        truncating.Write("xy");
        truncating.End();

        Assert.False(loop.Run());
        Assert.Equal(["open", "close"], log);
        Assert.Equal("012abc6789", File.ReadAllText(kept));
        Assert.Equal("\0\0\0xy", File.ReadAllText(emptied));
        Assert.Equal(3, overwriting.BytesWritten);
    }

    [Fact]
    public void A_write_stream_over_a_descriptor_writes_at_its_offset_and_without_autoClose_leaves_it_open()
    {
        // Node: with no start, writes are write(2) at the descriptor's offset, which they move; autoClose false:
        // 'finish' and no 'close', and the next stream over the descriptor writes on after the first's bytes
        string path = WriteFile("offset.txt", "0123456789");
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        using var loop = new EventLoop();
        var log = new List<string>();
        FileWriteStream? writer = null;

        loop.Fs.CreateReadStream(file, end: 3, autoClose: false).On.End(() => // moves the offset to 4
        {
            writer = loop.Fs.CreateWriteStream(file, autoClose: false);
            writer.On.Open(() => log.Add("open"))
                  .On.Finish(() =>
                  {
                      log.Add("finish");
                      FileWriteStream last = loop.Fs.CreateWriteStream(file);
                      last.On.Closed(() => log.Add($"last close, file open: {!file.IsClosed}"));
                      last.Write("z");
                      last.End();
                  })
                  .On.Closed(() => log.Add("close"));
            writer.Write("AB");
            writer.Write("C");
            writer.End();
        }).Resume();

        Assert.False(loop.Run());
        Assert.Equal(["finish", "last close, file open: False"], log);
        Assert.Equal("0123ABCz89", File.ReadAllText(path));
        Assert.Null(writer!.Path);
        Assert.True(writer.IsFinished);
        Assert.False(writer.IsDestroyed);
    }

    [Fact]
    public void Flush_syncs_the_file_after_finish_before_close_and_its_failure_is_the_streams_error()
    {
        // Node 20.10's flush: fsync, then close; a descriptor closed in 'finish' fails that fsync (Node: EBADF), so
        // 'error' comes before 'close'. Without flush nothing touches the descriptor between 'finish' and the close.
        string flushedPath = Path.Combine(_directory, "flushed.txt");
        string plainPath = Path.Combine(_directory, "plain.txt");
        SafeFileHandle flushed = File.OpenHandle(flushedPath, FileMode.Create, FileAccess.Write);
        SafeFileHandle plain = File.OpenHandle(plainPath, FileMode.Create, FileAccess.Write);
        using var loop = new EventLoop();
        var log = new List<string>();

        FileWriteStream syncing = loop.Fs.CreateWriteStream(flushed, start: 0, flush: true);
        syncing.On.Finish(() => { log.Add("flushed finish"); flushed.Dispose(); })
               .On.Error(error => log.Add($"flushed error {error.GetType().Name}"))
               .On.Closed(() => log.Add("flushed close"));
        syncing.Write("synced");
        syncing.End();
        FileWriteStream unsynced = loop.Fs.CreateWriteStream(plain, start: 0);
        unsynced.On.Finish(() => { log.Add("plain finish"); plain.Dispose(); })
                .On.Error(error => log.Add($"plain error {error.GetType().Name}"))
                .On.Closed(() => log.Add("plain close"));
        unsynced.Write("written");
        unsynced.End();

        Assert.False(loop.Run());
        Assert.Equal(["flushed finish", "flushed error ObjectDisposedException", "flushed close"], log.Where(entry => entry.StartsWith("flushed", StringComparison.Ordinal)));
        Assert.Equal(["plain finish", "plain close"], log.Where(entry => entry.StartsWith("plain", StringComparison.Ordinal)));
        Assert.Equal("synced", File.ReadAllText(flushedPath));
    }

    [Fact]
    public void Flush_on_a_path_stream_writes_every_byte_then_finishes_and_closes()
    {
        // Node 20.10's flush: the same events as without it, the fsync between 'finish' and 'close'
        string path = Path.Combine(_directory, "flush-path.txt");
        using var loop = new EventLoop();
        var log = new List<string>();

        FileWriteStream stream = loop.Fs.CreateWriteStream(path, flush: true);
        stream.On.Finish(() => log.Add("finish")).On.Error(error => log.Add(error.Message)).On.Closed(() => log.Add("close"));
        stream.Write("durable");
        stream.End();

        Assert.False(loop.Run());
        Assert.Equal(["finish", "close"], log);
        Assert.Equal("durable", File.ReadAllText(path));
    }

    [Fact]
    public void Writes_while_corked_wait_for_the_last_uncork_then_go_in_one_gathering_write()
    {
        // Node's Writable: corked writes are buffered (and count against the mark) until as many uncorks as corks,
        // then handed to one writev. Uncorked, the first write would start alone and the rest follow in a second.
        string path = Path.Combine(_directory, "corked.txt");
        using var loop = new EventLoop();
        var log = new List<string>();
        var written = new List<long>(); // BytesWritten after each poll phase, where writes complete
        FileWriteStream stream = loop.Fs.CreateWriteStream(path, highWaterMark: 2);
        var check = new CheckHandle(loop);
        check.Start(() => written.Add(stream.BytesWritten));
        check.Unref();

        stream.On.Open(() =>
        {
            stream.Cork();
            stream.Cork();
            log.Add($"write {stream.Write("a")}");
            log.Add($"write {stream.Write("b")}");
            stream.Uncork();
            log.Add($"corked {stream.WritableCorked}, queued {stream.WritableLength}");
            stream.Write("c");
            loop.SetImmediate(() =>
            {
                log.Add($"still corked: written {stream.BytesWritten}");
                stream.Uncork();
                stream.Uncork(); // one too many: nothing to undo, as in Node
                log.Add($"uncorked {stream.WritableCorked}");
            });
        })
        .On.Drain(() => { log.Add($"drain {stream.BytesWritten}"); stream.End(); })
        .On.Finish(() => log.Add("finish"));

        Assert.False(loop.Run());
        check.Dispose();
        Assert.Equal(["write True", "write False", "corked 1, queued 2", "still corked: written 0", "uncorked 0", "drain 3", "finish"], log);
        Assert.Equal([3L], written.Where(bytes => bytes > 0).Distinct());
        Assert.Equal("abc", File.ReadAllText(path));
    }

    [Fact]
    public void End_uncorks_however_often_the_stream_was_corked()
    {
        // Node's end(): a corked stream is uncorked, its writes written, then 'finish'; a cork left in place would
        // hold them, and the idle stream would not keep the loop alive
        string path = Path.Combine(_directory, "end-uncorks.txt");
        using var loop = new EventLoop();
        var log = new List<string>();

        FileWriteStream stream = loop.Fs.CreateWriteStream(path);
        stream.Cork();
        stream.Cork();
        stream.Write("d");
        stream.Write("e");
        stream.End();
        log.Add($"corked {stream.WritableCorked}");
        stream.On.Finish(() => log.Add("finish")).On.Closed(() => log.Add("close"));

        Assert.False(loop.Run());
        Assert.Equal(["corked 0", "finish", "close"], log);
        Assert.Equal("de", File.ReadAllText(path));
    }

    [Fact]
    public void Bad_options_throw_at_the_call_saying_what_to_give()
    {
        // Node's ERR_OUT_OF_RANGE for a negative start, ERR_INVALID_ARG_TYPE for no descriptor; L1: nothing is queued
        string path = Path.Combine(_directory, "bad.txt");
        using var loop = new EventLoop();
        SafeFileHandle closed = File.OpenHandle(WriteFile("closed.txt", "x"));
        closed.Dispose();

        var writeStart = Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.CreateWriteStream(path, start: -1));
        Assert.Equal("start", writeStart.ParamName);
        Assert.StartsWith("The start (-1) is negative; start is the byte offset where the stream begins in the file: give 0 or more.", writeStart.Message);
        var readStart = Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.CreateReadStream(path, start: -2));
        Assert.StartsWith("The start (-2) is negative", readStart.Message);

        using SafeFileHandle file = File.OpenHandle(WriteFile("open.txt", "x"));
        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.CreateWriteStream(file, start: -1)).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.CreateReadStream(file, start: -1)).ParamName);
        var end = Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.CreateReadStream(file, end: -1));
        Assert.Equal("end", end.ParamName);
        Assert.StartsWith("The end (-1) is negative; end is the offset of the last byte to read, inclusive: give 0 or more, or null", end.Message);
        Assert.StartsWith("The end (3) is before the start (4)", Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.CreateReadStream(file, start: 4, end: 3)).Message);
        Assert.Equal("highWaterMark", Assert.Throws<ArgumentOutOfRangeException>(() => loop.Fs.CreateWriteStream(file, highWaterMark: 0)).ParamName);
        Assert.Equal("file", Assert.Throws<ArgumentNullException>(() => loop.Fs.CreateReadStream((SafeFileHandle)null!)).ParamName);
        Assert.Equal("file", Assert.Throws<ArgumentNullException>(() => loop.Fs.CreateWriteStream((SafeFileHandle)null!)).ParamName);
        Assert.Throws<ObjectDisposedException>(() => loop.Fs.CreateReadStream(closed));
        Assert.Throws<ObjectDisposedException>(() => loop.Fs.CreateWriteStream(closed));

        Assert.False(loop.IsAlive);
        Assert.False(File.Exists(path));
        Assert.False(file.IsClosed);
    }

    private string WriteFile(string name, string contents)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, contents);
        return path;
    }
}
