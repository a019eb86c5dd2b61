using System.Text;
using Loopwire.Net;
using Loopwire.Processes;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// <c>await foreach</c> over a stream's chunks, as Node's <c>for await (const chunk of readable)</c>: every chunk in
/// order, backpressure at 16 KiB, the end, the error, and a loop that stops early destroying the stream. The awaits
/// resume on the loop thread (N3), so the test bodies run as a loop's main program.
/// </summary>
public sealed class StreamReadingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-reading-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_file_is_read_whole_in_order_and_the_iteration_ends_after_its_end()
    {
        byte[] content = WriteFile("whole.bin", 300 * 1024);
        var read = new MemoryStream();
        LoopPrograms.Run(async loop =>
        {
            FileReadStream stream = loop.Fs.CreateReadStream(Path.Combine(_directory, "whole.bin"));
            await foreach (ReadOnlyMemory<byte> chunk in stream.ReadAllAsync())
            {
                read.Write(chunk.Span);
            }

            Assert.True(stream.IsEnded);
        });

        Assert.Equal(content, read.ToArray());
    }

    [Fact]
    public void The_source_is_paused_once_16_KiB_wait_and_resumed_as_the_loop_takes_them()
    {
        // E1: the iterator's 'data' listener was added first, so a listener added after it sees its Pause.
        byte[] content = WriteFile("paced.bin", 256 * 1024);
        var pausedAfterChunk = new List<bool>();
        var read = new MemoryStream();
        LoopPrograms.Run(async loop =>
        {
            FileReadStream stream = loop.Fs.CreateReadStream(Path.Combine(_directory, "paced.bin"), highWaterMark: 8 * 1024);
            IAsyncEnumerable<ReadOnlyMemory<byte>> reading = stream.ReadAllAsync();
            var paused = new TaskCompletionSource();
            stream.On.Data(_ =>
            {
                pausedAfterChunk.Add(stream.IsPaused);
                if (stream.IsPaused)
                {
                    paused.TrySetResult();
                }
            });

            await paused.Task; // nothing is taken meanwhile, so chunks pile up to the mark
            Assert.Equal([false, true], pausedAfterChunk);
            await foreach (ReadOnlyMemory<byte> chunk in reading)
            {
                read.Write(chunk.Span);
            }
        });

        Assert.Equal(content, read.ToArray()); // resumed: all of it came
        Assert.Equal(32, pausedAfterChunk.Count);
    }

    [Fact]
    public void A_sources_error_is_thrown_by_the_iteration_and_not_on_the_loop()
    {
        // E2: the iteration listens for 'error', so the error reaches the awaiting code instead of the loop.
        Exception? thrown = null;
        LoopPrograms.Run(async loop =>
        {
            FileReadStream stream = loop.Fs.CreateReadStream(Path.Combine(_directory, "missing.bin"));
            try
            {
                await foreach (ReadOnlyMemory<byte> chunk in stream.ReadAllAsync())
                {
                }
            }
            catch (IOException error)
            {
                thrown = error;
            }
        });

        Assert.StartsWith("ENOENT", thrown?.Message);
    }

    [Fact]
    public void Breaking_out_of_the_loop_destroys_the_socket_and_its_peer_sees_the_end()
    {
        var log = new List<string>();
        LoopPrograms.Run(async loop =>
        {
            var server = new TcpServer(loop).Listen(0);
            var peerClosed = new TaskCompletionSource();
            server.On.Connection(peer =>
            {
                peer.Write("first");
                peer.On.Ended(() => log.Add("peer end"))
                    .On.Closed(_ => peerClosed.SetResult());
                server.Close();
            });

            TcpSocket client = TcpSocket.Connect(loop, server.LocalEndPoint!.Port);
            client.On.Closed(hadError => log.Add($"client close {hadError}"));
            await foreach (ReadOnlyMemory<byte> chunk in client.ReadAllAsync())
            {
                log.Add(Encoding.ASCII.GetString(chunk.Span));
                break;
            }

            Assert.True(client.IsClosing);
            await peerClosed.Task;
        });

        // The peer's end and the client's close come in either order: the FIN may be read before the close phase.
        Assert.Equal("first", log[0]);
        Assert.Equal(["client close False", "peer end"], log.Skip(1).Order());
    }

    [Fact]
    public void A_source_destroyed_without_an_error_ends_the_iteration_with_a_premature_close()
    {
        Exception? thrown = null;
        LoopPrograms.Run(async loop =>
        {
            var child = ChildProcess.Spawn(loop, "/bin/sh", ["-c", "echo one; exec sleep 30"]);
            try
            {
                await foreach (ReadOnlyMemory<byte> chunk in child.Stdout!.ReadAllAsync())
                {
                    child.Stdout!.Destroy();
                }
            }
            catch (PrematureCloseException error)
            {
                thrown = error;
            }
            finally
            {
                child.Kill();
            }
        });

        var premature = Assert.IsType<PrematureCloseException>(thrown);
        Assert.Equal("ERR_STREAM_PREMATURE_CLOSE", premature.Code);
    }

    [Fact]
    public void Cancellation_ends_the_iteration_and_destroys_the_source()
    {
        bool closed = false;
        Exception? thrown = null;
        LoopPrograms.Run(async loop =>
        {
            var child = ChildProcess.Spawn(loop, "/bin/sh", ["-c", "echo one; exec sleep 30"]);
            child.Stdout!.On.Closed(() => closed = true);
            using var cancellation = new CancellationTokenSource();
            try
            {
                await foreach (ReadOnlyMemory<byte> chunk in child.Stdout.ReadAllAsync().WithCancellation(cancellation.Token))
                {
                    cancellation.Cancel(); // the next wait sees it
                }
            }
            catch (OperationCanceledException error)
            {
                thrown = error;
            }
            finally
            {
                child.Kill();
            }
        });

        Assert.IsType<OperationCanceledException>(thrown, exactMatch: false);
        Assert.True(closed);
    }

    [Fact]
    public void A_childs_output_read_with_await_foreach_holds_all_it_printed()
    {
        var output = new StringBuilder();
        LoopPrograms.Run(async loop =>
        {
            var child = ChildProcess.Spawn(loop, "/bin/sh", ["-c", "seq 1 20000"]);
            await foreach (ReadOnlyMemory<byte> chunk in child.Stdout!.ReadAllAsync())
            {
                output.Append(Encoding.ASCII.GetString(chunk.Span));
            }
        });

        Assert.Equal(string.Concat(Enumerable.Range(1, 20000).Select(n => $"{n}\n")), output.ToString());
    }

    [Fact]
    public void Reading_a_stream_that_already_ended_ends_at_once()
    {
        // Node: an async iterator over a stream whose 'end' is past finishes without a chunk.
        WriteFile("ended.bin", 1000);
        int chunks = -1;
        LoopPrograms.Run(async loop =>
        {
            FileReadStream stream = loop.Fs.CreateReadStream(Path.Combine(_directory, "ended.bin")).Resume(); // read and drop
            await stream.Next.Closed();
            chunks = 0;
            await foreach (ReadOnlyMemory<byte> chunk in stream.ReadAllAsync())
            {
                chunks++;
            }
        });

        Assert.Equal(0, chunks);
    }

    [Fact]
    public void Lines_split_as_readline_splits_them_even_with_every_byte_its_own_chunk()
    {
        // Node's readline: breaks at \n, \r\n and a lone \r; a last line without a break still comes; a character
        // whose UTF-8 bytes arrive in different chunks is decoded whole (here every byte is a chunk of its own).
        File.WriteAllText(Path.Combine(_directory, "lines.txt"), "first\nsecond\r\nthird\rcafé ☕\n\nlast");
        var lines = new List<string>();
        LoopPrograms.Run(async loop =>
        {
            FileReadStream stream = loop.Fs.CreateReadStream(Path.Combine(_directory, "lines.txt"), highWaterMark: 1);
            await foreach (string line in stream.ReadLinesAsync())
            {
                lines.Add(line);
            }
        });

        Assert.Equal(["first", "second", "third", "café ☕", "", "last"], lines);
    }

    [Fact]
    public void A_childs_output_read_line_by_line_listens_from_the_call()
    {
        var lines = new List<string>();
        LoopPrograms.Run(async loop =>
        {
            var child = ChildProcess.Spawn(loop, "/bin/sh", ["-c", "printf 'one\ntwo\n'"]);
            IAsyncEnumerable<string> reading = child.Stdout!.ReadLinesAsync();
            await loop.DelayAsync(50); // the child may print and exit meanwhile: nothing is lost
            await foreach (string line in reading)
            {
                lines.Add(line);
            }
        });

        Assert.Equal(["one", "two"], lines);
    }

    [Fact]
    public void Chunks_are_enumerable_once_and_bad_calls_throw_at_once()
    {
        using var loop = new EventLoop();
        string path = Path.Combine(_directory, "once.txt");
        File.WriteAllText(path, "once");
        FileReadStream stream = loop.Fs.CreateReadStream(path);
        IAsyncEnumerable<ReadOnlyMemory<byte>> reading = stream.ReadAllAsync();
        _ = reading.GetAsyncEnumerator();

        Assert.Contains("only once", Assert.Throws<InvalidOperationException>(() => reading.GetAsyncEnumerator()).Message);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => StreamReading.ReadAllAsync(null!)).ParamName);
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => stream.ReadAllAsync()));
        stream.Destroy();
        loop.Run();
    }

    private byte[] WriteFile(string name, int size)
    {
        byte[] content = [.. Enumerable.Range(0, size).Select(i => (byte)(i * 13))];
        File.WriteAllBytes(Path.Combine(_directory, name), content);
        return content;
    }
}
