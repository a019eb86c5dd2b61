using System.Runtime.CompilerServices;
using System.Text;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Node's <c>Readable.from(iterable)</c>: a sequence read on the loop with backpressure, the stream ended after its
/// last chunk; the sequence's exception destroys the stream, and a reader that destroys the stream stops the sequence.
/// While the sequence makes its next chunk the loop stays alive (L1), while the stream waits for a reader it does not.
/// </summary>
public sealed class ReadableStreamTests
{
    [Fact]
    public void A_sequence_in_memory_reads_in_order_and_ends()
    {
        LoopPrograms.Run(async loop =>
        {
            IReadableStream stream = ReadableStream.From(loop, [.. new[] { "loop ", "tick ", "done" }.Select(word => (ReadOnlyMemory<byte>)Encoding.ASCII.GetBytes(word))]);
            var read = new StringBuilder();
            await foreach (ReadOnlyMemory<byte> chunk in stream.ReadAllAsync())
            {
                read.Append(Encoding.ASCII.GetString(chunk.Span));
            }

            Assert.Equal("loop tick done", read.ToString());
            Assert.True(stream.IsEnded);
        });
    }

    [Fact]
    public void The_loop_stays_alive_while_the_sequence_makes_its_next_chunk_on_another_thread()
    {
        using var loop = new EventLoop();
        IReadableStream stream = ReadableStream.From(loop, MadeOffLoop());
        var read = new StringBuilder();
        stream.AddDataListener(chunk => read.Append(Encoding.ASCII.GetString(chunk.Span)));

        Assert.False(loop.Run()); // without the request it holds, Run would return before the second chunk

        Assert.Equal("first second", read.ToString());
        Assert.True(stream.IsEnded);

        static async IAsyncEnumerable<ReadOnlyMemory<byte>> MadeOffLoop()
        {
            yield return "first "u8.ToArray();
            yield return await Task.Run(() => "second"u8.ToArray());
        }
    }

    [Fact]
    public void Nobody_reading_stops_the_sequence_at_the_marks_and_lets_the_loop_end()
    {
        // As Node's PassThrough fills: 30 chunks of 1 KiB are taken, the 31st waits for 'drain'.
        using var loop = new EventLoop();
        int taken = 0;
        IReadableStream stream = ReadableStream.From(loop, Enumerable.Range(0, 100).Select(_ =>
        {
            taken++;
            return (ReadOnlyMemory<byte>)new byte[1024];
        }));

        Assert.False(loop.Run()); // L1: a stream waiting for its reader holds nothing

        Assert.Equal(31, taken);
        stream.Destroy();
        Assert.False(loop.Run());
    }

    [Fact]
    public void A_slow_reader_gets_every_chunk_in_order_through_many_drains()
    {
        using var loop = new EventLoop();
        IReadableStream stream = ReadableStream.From(loop, Enumerable.Range(0, 64).Select(i => (ReadOnlyMemory<byte>)Enumerable.Repeat((byte)i, 4096).ToArray()));
        var received = new MemoryStream();
        var slow = new WritableStream(loop, (_, chunk, callback) =>
        {
            received.Write(chunk.Span);
            loop.SetImmediate(() => callback()); // one chunk per loop iteration
        });

        stream.Pipe(slow);
        Assert.False(loop.Run());

        byte[] expected = [.. Enumerable.Range(0, 64).SelectMany(i => Enumerable.Repeat((byte)i, 4096))];
        Assert.Equal(expected, received.ToArray());
        Assert.Equal(0, ((TransformStream)stream).ListenerCount("drain")); // the sequence's one listener, gone with it
    }

    [Fact]
    public void The_sequences_exception_destroys_the_stream_and_reaches_a_pipeline()
    {
        using var loop = new EventLoop();
        Exception? reported = null;
        var sink = new WritableStream(loop, static (_, _, callback) => callback());

        StreamPipeline.Run(ReadableStream.From(loop, Failing()), sink, error => reported = error);
        Assert.False(loop.Run());

        Assert.Equal("the source broke", reported?.Message);
        Assert.True(sink.IsDestroyed);

        static async IAsyncEnumerable<ReadOnlyMemory<byte>> Failing()
        {
            yield return "partial"u8.ToArray();
            await Task.Yield();
            throw new InvalidDataException("the source broke");
        }
    }

    [Fact]
    public void A_reader_that_destroys_the_stream_stops_the_sequence()
    {
        using var loop = new EventLoop();
        bool stopped = false;
        IReadableStream stream = ReadableStream.From(loop, Endless(loop, () => stopped = true));
        stream.AddDataListener(_ => stream.Destroy());

        Assert.False(loop.Run());

        Assert.True(stopped);

        static async IAsyncEnumerable<ReadOnlyMemory<byte>> Endless(EventLoop loop, Action onStop, [EnumeratorCancellation] CancellationToken token = default)
        {
            try
            {
                while (true)
                {
                    yield return new byte[16];
                    await loop.DelayAsync(1, token);
                }
            }
            finally
            {
                onStop();
            }
        }
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call()
    {
        using var loop = new EventLoop();
        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => ReadableStream.From(null!, Array.Empty<ReadOnlyMemory<byte>>())).ParamName);
        Assert.Equal("chunks", Assert.Throws<ArgumentNullException>(() => ReadableStream.From(loop, (IEnumerable<ReadOnlyMemory<byte>>)null!)).ParamName);
        Assert.Equal("chunks", Assert.Throws<ArgumentNullException>(() => ReadableStream.From(loop, (IAsyncEnumerable<ReadOnlyMemory<byte>>)null!)).ParamName);
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => ReadableStream.From(loop, Array.Empty<ReadOnlyMemory<byte>>())));
    }
}
