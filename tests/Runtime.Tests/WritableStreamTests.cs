using System.Text;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Node's <c>new stream.Writable({ write, final })</c>: chunks go to the write code one at a time, in order, each after
/// the previous one's callback; after <c>end()</c> the final code, then 'finish' and 'close' after the current
/// callback; 'drain' once the chunks that reached the mark are written; an error destroys it, 'error' then 'close'
/// (E2 when nobody listens). Each expected order and figure below is what Node 20 prints for the same code.
/// </summary>
public sealed class WritableStreamTests
{
    [Fact]
    public void Writes_run_at_once_in_order_and_the_end_runs_final_then_finish_and_close_after_the_callback()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        WritableStream sink = null!;
        sink = new WritableStream(loop,
            (stream, chunk, callback) =>
            {
                Assert.Same(sink, stream);
                log.Add($"write {Encoding.UTF8.GetString(chunk.Span)}");
                callback();
            },
            (_, callback) =>
            {
                log.Add("final");
                callback();
            });
        sink.On.Finish(() => log.Add("finish")).On.Closed(() => log.Add($"close, destroyed {sink.IsDestroyed}"));
        loop.NextTick(() => log.Add("tick"));

        log.Add($"write returns {sink.Write("a")}");
        sink.Write("b");
        sink.End();
        log.Add("after end");
        Assert.False(loop.Run());

        Assert.Equal(["write a", "write returns True", "write b", "final", "after end", "tick", "finish", "close, destroyed True"], log);
        Assert.True(sink.IsFinished);
    }

    [Fact]
    public void Chunks_wait_while_a_write_is_under_way_and_drain_comes_once_they_are_all_written()
    {
        // Node: 15 writes of 1 KiB return true and the 16th false, 16 KiB counted with the one the write code has.
        using var loop = new EventLoop();
        var pending = new Queue<StreamCallback>();
        var slow = new WritableStream(loop, (_, _, callback) => pending.Enqueue(callback));
        var log = new List<string>();
        slow.On.Drain(() => log.Add($"drain, {slow.WritableLength} waiting"));

        int accepted = 0;
        while (slow.Write(new byte[1024]))
        {
            accepted++;
        }

        Assert.Equal((15, 16384, 1), (accepted, slow.WritableLength, pending.Count));
        void Release()
        {
            if (pending.TryDequeue(out StreamCallback? callback))
            {
                callback();
                loop.SetImmediate(Release);
            }
        }

        Release();
        Assert.False(loop.Run());
        Assert.Equal(["drain, 0 waiting"], log);
    }

    [Fact]
    public void A_write_that_fails_destroys_the_stream_and_what_waits_is_dropped()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        int writes = 0;
        var failing = new WritableStream(loop, (_, _, callback) =>
        {
            writes++;
            loop.SetImmediate(() => callback(new IOException("disk full")));
        });
        failing.On.Error(error => log.Add($"error {error.Message}")).On.Finish(() => log.Add("finish")).On.Closed(() => log.Add("close"));

        failing.Write("first");
        failing.Write("second");
        Assert.False(loop.Run());

        Assert.Equal(["error disk full", "close"], log); // no 'finish': the stream never finished
        Assert.Equal(1, writes);
        Assert.False(failing.Write("late"));
    }

    [Fact]
    public void Exceptions_thrown_by_the_write_or_the_final_code_destroy_the_stream_with_them()
    {
        using var loop = new EventLoop();
        Exception? fromWrite = null, fromFinal = null;
        var throwing = new WritableStream(loop, (_, _, _) => throw new FormatException("write threw"));
        throwing.On.Error(error => fromWrite = error);
        var finalThrowing = new WritableStream(loop, static (_, _, callback) => callback(), (_, _) => throw new FormatException("final threw"));
        finalThrowing.On.Error(error => fromFinal = error);

        throwing.Write("x");
        finalThrowing.End();
        Assert.False(loop.Run());

        Assert.Equal("write threw", fromWrite?.Message);
        Assert.Equal("final threw", fromFinal?.Message);
    }

    [Fact]
    public void A_sink_of_your_own_ends_a_pipeline_through_gzip()
    {
        string path = Path.GetTempFileName();
        try
        {
            byte[] content = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line {i}\n")));
            File.WriteAllBytes(path, content);
            using var loop = new EventLoop();
            var compressed = new MemoryStream();
            bool finalRan = false;
            var sink = new WritableStream(loop, (_, chunk, callback) =>
            {
                compressed.Write(chunk.Span);
                callback();
            }, (_, callback) =>
            {
                finalRan = true;
                callback();
            });
            Exception? outcome = new InvalidOperationException("no answer");

            StreamPipeline.Run(loop.Fs.CreateReadStream(path), [Zlib.CreateGzip(loop)], sink, error => outcome = error);
            Assert.False(loop.Run());

            Assert.Null(outcome);
            Assert.True(finalRan);
            using var gunzip = new System.IO.Compression.GZipStream(new MemoryStream(compressed.ToArray()), System.IO.Compression.CompressionMode.Decompress);
            var read = new MemoryStream();
            gunzip.CopyTo(read);
            Assert.Equal(content, read.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Misuse_is_a_clear_exception()
    {
        using var loop = new EventLoop();
        StreamCallback? saved = null;
        var keeper = new WritableStream(loop, (_, _, callback) =>
        {
            saved = callback;
            callback();
        });
        var twiceFinal = new WritableStream(loop, static (_, _, callback) => callback(), (_, callback) =>
        {
            callback();
            callback(); // thrown inside the final code, so it destroys the stream, as Node's ERR_MULTIPLE_CALLBACK does
        });
        Exception? twiceError = null;
        twiceFinal.On.Error(error => twiceError = error);

        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => new WritableStream(null!, (_, _, _) => { })).ParamName);
        Assert.Equal("write", Assert.Throws<ArgumentNullException>(() => new WritableStream(loop, null!)).ParamName);
        Assert.Equal("highWaterMark", Assert.Throws<ArgumentOutOfRangeException>(() => new WritableStream(loop, (_, _, _) => { }, highWaterMark: 0)).ParamName);
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => keeper.Write("x")));

        keeper.Write("once");
        Assert.Contains("twice", Assert.Throws<InvalidOperationException>(() => saved!()).Message);
        twiceFinal.End();
        keeper.End();
        Assert.Contains("write after end", Assert.Throws<InvalidOperationException>(() => keeper.Write("late")).Message);
        Assert.False(loop.Run());
        Assert.Contains("called its callback twice", twiceError?.Message);
    }
}
