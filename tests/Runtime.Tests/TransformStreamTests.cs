using System.Text;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Node's <c>stream.Transform</c>: written chunks go through the transform one at a time, in order; what it pushes is
/// read from the other side, which flows as every readable does (Node's <c>readableFlowing</c>); after <c>end()</c>
/// the flush, then 'end', 'finish' and 'close' after the current callback; an error destroys it, 'error' then
/// 'close' (E2 when nobody listens); both sides push back at the high-water mark. Each expected order and figure
/// below is what Node 20 prints for the same code.
/// </summary>
public sealed class TransformStreamTests
{
    [Fact]
    public void A_flowing_transform_runs_each_write_at_once_and_ends_after_the_current_callback_in_Nodes_order()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        var upper = new TransformStream(loop,
            (stream, chunk, callback) =>
            {
                string text = Encoding.UTF8.GetString(chunk.Span);
                log.Add($"transform {text}");
                stream.Push(Encoding.UTF8.GetBytes(text.ToUpperInvariant()));
                callback();
            },
            (stream, callback) =>
            {
                log.Add("flush");
                stream.Push("FLUSHED"u8.ToArray());
                callback();
            });
        upper.On.Data(chunk => log.Add($"data {Encoding.UTF8.GetString(chunk.Span)}"))
             .On.Ended(() => log.Add("end"))
             .On.Finish(() => log.Add("finish"))
             .On.Closed(() => log.Add($"close, destroyed {upper.IsDestroyed}"));
        loop.NextTick(() => log.Add("tick"));

        log.Add($"write returns {upper.Write("a")}");
        upper.Write("b");
        upper.Write("c");
        upper.End();
        log.Add("after end");
        Assert.False(loop.Run());

        Assert.Equal(
            ["transform a", "data A", "write returns True", "transform b", "data B", "transform c", "data C",
             "flush", "data FLUSHED", "after end", "tick", "end", "finish", "close, destroyed True"],
            log);
        Assert.True(upper.IsEnded);
        Assert.True(upper.IsFinished);
    }

    [Fact]
    public void Chunks_nobody_reads_fill_the_readable_side_then_the_writable_side_and_drain_once_read_as_in_Node()
    {
        // Node's PassThrough, written 1 KiB at a time: 30 writes return true, the 31st false, with 16 KiB on each side.
        using var loop = new EventLoop();
        TransformStream passThrough = TransformStream.PassThrough(loop);
        var log = new List<string>();
        passThrough.On.Drain(() => log.Add($"drain, {passThrough.WritableLength} waiting"));

        int accepted = 0;
        while (passThrough.Write(new byte[1024]))
        {
            accepted++;
        }

        Assert.Equal(30, accepted);
        Assert.Equal(16384, passThrough.WritableLength);
        Assert.Equal(16384, passThrough.ReadableLength);

        passThrough.Resume(); // no 'data' listener: the chunks are read and dropped, as in Node
        Assert.False(loop.Run());
        Assert.Equal(["drain, 0 waiting"], log);
        Assert.Equal(0, passThrough.ReadableLength);
    }

    [Fact]
    public void What_a_transform_pushes_before_anyone_reads_waits_for_the_first_data_listener()
    {
        // Nothing is lost before a reader, and 'end' waits for one too, as in Node.
        using var loop = new EventLoop();
        TransformStream passThrough = TransformStream.PassThrough(loop);
        var log = new List<string>();
        passThrough.On.Ended(() => log.Add("end")).On.Finish(() => log.Add("finish"));
        passThrough.Write("held ");
        passThrough.Write("until read");
        passThrough.End();

        loop.Run(RunMode.NoWait);
        Assert.Equal(["finish"], log);

        var read = new StringBuilder();
        passThrough.On.Data(chunk => read.Append(Encoding.UTF8.GetString(chunk.Span)));
        Assert.False(loop.Run());
        Assert.Equal("held until read", read.ToString());
        Assert.Equal(["finish", "end"], log);
    }

    [Fact]
    public void A_transform_that_works_on_the_pool_gets_its_chunks_one_at_a_time_in_order()
    {
        using var loop = new EventLoop();
        int running = 0, mostAtOnce = 0;
        var reversed = new TransformStream(loop, (stream, chunk, callback) =>
        {
            mostAtOnce = Math.Max(mostAtOnce, ++running);
            loop.QueueWork(static bytes => bytes.ToArray().Reverse().ToArray(), chunk, (error, result) =>
            {
                running--;
                stream.Push(result);
                callback(error);
            });
        });
        var read = new List<string>();
        reversed.On.Data(chunk => read.Add(Encoding.ASCII.GetString(chunk.Span)));

        string[] words = [.. Enumerable.Range(0, 100).Select(i => $"word{i}")];
        foreach (string word in words)
        {
            reversed.Write(word);
        }

        reversed.End();
        Assert.False(loop.Run());

        Assert.Equal(1, mostAtOnce);
        Assert.Equal(words.Select(word => new string([.. word.Reverse()])), read);
    }

    [Fact]
    public void An_error_passed_to_the_callback_destroys_the_stream_after_the_current_callback()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        var failing = new TransformStream(loop, (_, _, callback) => callback(new InvalidDataException("bad")));
        failing.On.Error(error => log.Add($"error {error.Message}")).On.Closed(() => log.Add("close"));
        loop.NextTick(() => log.Add("tick"));

        failing.Write("x");
        log.Add("after write");
        Assert.False(failing.Write("dropped"));
        Assert.False(loop.Run());

        Assert.Equal(["after write", "tick", "error bad", "close"], log);
        Assert.True(failing.IsDestroyed);
        Assert.False(failing.IsWritable);
    }

    [Fact]
    public void An_exception_thrown_by_the_transform_or_the_flush_destroys_the_stream_with_it()
    {
        using var loop = new EventLoop();
        Exception? fromTransform = null, fromFlush = null;
        var throwing = new TransformStream(loop, (_, _, _) => throw new FormatException("transform threw"));
        throwing.On.Error(error => fromTransform = error);
        var flushThrowing = new TransformStream(loop, static (_, _, callback) => callback(), (_, _) => throw new FormatException("flush threw"));
        flushThrowing.On.Error(error => fromFlush = error);

        throwing.Write("x");
        flushThrowing.End();
        Assert.False(loop.Run());

        Assert.Equal("transform threw", fromTransform?.Message);
        Assert.Equal("flush threw", fromFlush?.Message);
    }

    [Fact]
    public void A_transform_written_by_a_pipe_from_a_file_gets_every_chunk_and_ends_the_destination()
    {
        string path = Path.GetTempFileName();
        try
        {
            byte[] content = [.. Enumerable.Range(0, 300 * 1024).Select(i => (byte)('a' + (i % 26)))];
            File.WriteAllBytes(path, content);
            using var loop = new EventLoop();
            long counted = 0;
            var counter = new TransformStream(loop, (stream, chunk, callback) =>
            {
                counted += chunk.Length;
                callback();
            }, (stream, callback) =>
            {
                stream.Push(Encoding.ASCII.GetBytes(counted.ToString()));
                callback();
            });
            var read = new StringBuilder();
            counter.On.Data(chunk => read.Append(Encoding.ASCII.GetString(chunk.Span)));

            loop.Fs.CreateReadStream(path).Pipe(counter);
            Assert.False(loop.Run());

            Assert.Equal(content.Length.ToString(), read.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Destroy_drops_what_waits_ignores_the_transform_under_way_and_emits_error_then_close()
    {
        using var loop = new EventLoop();
        StreamCallback? pending = null;
        var slow = new TransformStream(loop, (_, _, callback) => pending = callback);
        var log = new List<string>();
        slow.On.Data(_ => log.Add("data")).On.Error(error => log.Add($"error {error.Message}")).On.Closed(() => log.Add("close"));
        slow.Write("first");
        slow.Write("second");

        slow.Destroy(new TimeoutException("gave up"));
        log.Add("after destroy");
        pending!(); // the transform comes back late: nothing follows
        Assert.False(loop.Run());

        Assert.Equal(["after destroy", "error gave up", "close"], log);
        Assert.Equal(0, slow.WritableLength);
    }

    [Fact]
    public void A_chunk_through_a_pass_through_transform_allocates_only_the_writes_copy_and_is_pushed_as_it_is()
    {
        const int WindowWrites = 256;
        using var loop = new EventLoop();
        TransformStream passThrough = TransformStream.PassThrough(loop);
        byte[] pushed = [1, 2, 3];
        ReadOnlyMemory<byte> read = default;
        passThrough.On.Data(chunk => read = chunk);
        loop.Run(RunMode.NoWait);
        passThrough.Push(pushed);
        Assert.True(read.Span == pushed.AsSpan() && read.Length == 3); // the very memory pushed: Push does not copy

        byte[] chunk = new byte[1024];
        long least = long.MaxValue;
        for (int window = 0; window < 4; window++) // the first warms up
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < WindowWrites; i++)
            {
                passThrough.Write(chunk);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            least = window == 0 ? least : Math.Min(least, allocated);
        }

        // Each write's copy: 1,024 bytes and the array's 24-byte header; nothing else per chunk.
        Assert.InRange(least, 0, WindowWrites * 1048);
        passThrough.Destroy();
        Assert.False(loop.Run());
    }

    [Fact]
    public void Misuse_is_a_clear_exception()
    {
        using var loop = new EventLoop();
        StreamCallback? saved = null;
        TransformStream passThrough = TransformStream.PassThrough(loop);
        var keeper = new TransformStream(loop, (_, _, callback) => { saved = callback; callback(); });
        keeper.Resume();

        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => new TransformStream(null!, (_, _, _) => { })).ParamName);
        Assert.Equal("transform", Assert.Throws<ArgumentNullException>(() => new TransformStream(loop, null!)).ParamName);
        Assert.Equal("highWaterMark", Assert.Throws<ArgumentOutOfRangeException>(() => new TransformStream(loop, (_, _, _) => { }, highWaterMark: 0)).ParamName);
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => passThrough.Write("x")));

        keeper.Write("once");
        Assert.Contains("twice", Assert.Throws<InvalidOperationException>(() => saved!()).Message);

        passThrough.End();
        Assert.Contains("write after end", Assert.Throws<InvalidOperationException>(() => passThrough.Write("late")).Message);
        passThrough.Resume();
        Assert.False(loop.Run());
        Assert.Contains("push after EOF", Assert.Throws<InvalidOperationException>(() => passThrough.Push(new byte[1])).Message);
        keeper.Destroy();
        Assert.False(loop.Run());
    }
}
