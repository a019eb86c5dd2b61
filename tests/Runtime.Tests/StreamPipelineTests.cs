using System.Security.Cryptography;
using System.Text;
using Loopwire.Net;
using Loopwire.Processes;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Node's <c>stream.pipeline</c>: Pipe with the errors handled. One answer, after both streams are done: none when the
/// source ended and the destination finished; otherwise the first error, both streams destroyed with it, and nothing
/// thrown on the loop (E2: the pipeline listens for 'error').
/// </summary>
public sealed class StreamPipelineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-pipeline-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_file_copied_through_a_pipeline_calls_back_once_with_no_error_after_the_destination_finished()
    {
        byte[] content = WriteFile("source.bin", 200 * 1024);
        string copy = Path.Combine(_directory, "copy.bin");
        using var loop = new EventLoop();
        var log = new List<string>();
        FileWriteStream destination = loop.Fs.CreateWriteStream(copy);
        destination.On.Finish(() => log.Add("finish"));

        StreamPipeline.Run(loop.Fs.CreateReadStream(Path.Combine(_directory, "source.bin")), destination,
            error => log.Add($"callback {error?.Message ?? "none"}"));

        Assert.False(loop.Run());
        Assert.Equal(["finish", "callback none"], log);
        Assert.Equal(content, File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_sources_error_destroys_the_destination_and_reaches_the_callback_not_the_loop()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        Exception? uncaught = null;
        loop.UncaughtException += error => uncaught = error;
        FileWriteStream destination = loop.Fs.CreateWriteStream(Path.Combine(_directory, "never.bin"));
        destination.On.Closed(() => log.Add($"destination close, destroyed {destination.IsDestroyed}"));

        StreamPipeline.Run(loop.Fs.CreateReadStream(Path.Combine(_directory, "missing.bin")), destination,
            error => log.Add($"callback {error!.Message.Split(':')[0]}"));

        Assert.False(loop.Run());
        Assert.Null(uncaught);
        Assert.Equal(["destination close, destroyed True", "callback ENOENT"], log);
    }

    [Fact]
    public void A_destination_closed_early_ends_the_pipeline_with_a_premature_close_and_destroys_the_source()
    {
        using var loop = new EventLoop();
        Exception? reported = null;
        var child = ChildProcess.Spawn(loop, "/bin/sh", ["-c", "exec yes"]); // writes until its stdout closes
        FileWriteStream destination = loop.Fs.CreateWriteStream(Path.Combine(_directory, "short.bin"));
        int chunks = 0;
        child.Stdout!.On.Data(_ =>
        {
            if (++chunks == 2)
            {
                destination.Destroy();
            }
        });

        StreamPipeline.Run(child.Stdout, destination, error => reported = error);

        Assert.False(loop.Run()); // yes dies of SIGPIPE once its stdout is closed, so the child closes too
        Assert.IsType<PrematureCloseException>(reported);
        Assert.True(child.Stdout.IsDestroyed);
    }

    [Fact]
    public void A_socket_echoed_into_itself_through_a_pipeline_finishes_when_the_peer_ends()
    {
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        var log = new List<string>();
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            StreamPipeline.Run(socket, socket, error => log.Add($"pipeline {error?.Message ?? "done"}"));
            server.Close();
        });

        var echoed = new StringBuilder();
        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.On.Data(chunk => echoed.Append(Encoding.ASCII.GetString(chunk.Span)))
              .On.Ended(() => log.Add("client end"));
        client.Write("ping");
        client.End();

        guard.Run();

        Assert.Equal("ping", echoed.ToString());
        Assert.Equal(["pipeline done", "client end"], log);
    }

    [Fact]
    public void Twenty_files_sent_through_twenty_sockets_by_pipelines_at_once_arrive_whole()
    {
        // Backpressure at both ends of every connection at once: file -> client socket, server socket -> file.
        const int Connections = 20;
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        var outcomes = new List<string>();
        int received = 0;
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            int index = received++;
            StreamPipeline.Run(socket, loop.Fs.CreateWriteStream(Path.Combine(_directory, $"received-{index}.bin")), error =>
            {
                outcomes.Add(error?.Message ?? "received");
                if (outcomes.Count == 2 * Connections)
                {
                    server.Close();
                }
            });
        });

        for (int i = 0; i < Connections; i++)
        {
            WriteFile($"sent-{i}.bin", 100 * 1024 + (i * 4099));
            TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
            client.HighWaterMark = 4096;
            client.Resume(); // nothing comes back; this lets the client see the server's end
            StreamPipeline.Run(loop.Fs.CreateReadStream(Path.Combine(_directory, $"sent-{i}.bin"), highWaterMark: 16 * 1024), client, error =>
            {
                outcomes.Add(error?.Message ?? "sent");
                if (outcomes.Count == 2 * Connections)
                {
                    server.Close();
                }
            });
        }

        guard.Run();

        Assert.Equal(Connections, outcomes.Count(outcome => outcome == "sent"));
        Assert.Equal(Connections, outcomes.Count(outcome => outcome == "received"));
        string[] sent = [.. Enumerable.Range(0, Connections).Select(i => Digest($"sent-{i}.bin"))];
        string[] got = [.. Enumerable.Range(0, Connections).Select(i => Digest($"received-{i}.bin"))];
        Assert.Equal(sent.Order(), got.Order()); // connections are accepted in any order
    }

    [Fact]
    public void RunAsync_completes_after_the_copy_and_faults_with_the_first_error()
    {
        byte[] content = WriteFile("async.bin", 100 * 1024);
        string copy = Path.Combine(_directory, "async-copy.bin");
        Exception? failure = null;
        LoopPrograms.Run(async loop =>
        {
            await StreamPipeline.RunAsync(loop.Fs.CreateReadStream(Path.Combine(_directory, "async.bin")), loop.Fs.CreateWriteStream(copy));
            try
            {
                await StreamPipeline.RunAsync(
                    loop.Fs.CreateReadStream(Path.Combine(_directory, "missing.bin")),
                    loop.Fs.CreateWriteStream(Path.Combine(_directory, "unused.bin")));
            }
            catch (IOException error)
            {
                failure = error;
            }
        });

        Assert.Equal(content, File.ReadAllBytes(copy));
        Assert.StartsWith("ENOENT", failure?.Message);
    }

    [Fact]
    public void Cancelling_RunAsync_from_another_thread_destroys_both_streams_and_cancels_the_task()
    {
        var log = new List<string>();
        Exception? thrown = null;
        LoopPrograms.Run(async loop =>
        {
            var child = ChildProcess.Spawn(loop, "/bin/sh", ["-c", "exec yes"]);
            FileWriteStream destination = loop.Fs.CreateWriteStream(Path.Combine(_directory, "cancelled.bin"));
            child.Stdout!.On.Closed(() => log.Add("source close"));
            destination.On.Closed(() => log.Add("destination close"));
            using var cancellation = new CancellationTokenSource();
            child.Stdout.On.Data(_ => Threads.OnAnotherThread(cancellation.Cancel));
            try
            {
                await StreamPipeline.RunAsync(child.Stdout, destination, cancellation.Token);
            }
            catch (OperationCanceledException error)
            {
                thrown = error;
            }
        });

        Assert.IsType<TaskCanceledException>(thrown);
        Assert.Equal(["destination close", "source close"], log.Order());
    }

    [Fact]
    public void A_pipeline_over_a_source_already_ended_ends_the_destination_and_one_already_destroyed_is_a_premature_close()
    {
        // Node: finished() on a stream whose events are past answers after the current callback, from its state; pipe()
        // from a source that has ended ends the destination the same way.
        WriteFile("short.bin", 1000);
        string copy = Path.Combine(_directory, "short-copy.bin");
        using var loop = new EventLoop();
        var log = new List<string>();
        FileReadStream ended = loop.Fs.CreateReadStream(Path.Combine(_directory, "short.bin")).Resume(); // read and drop
        ended.On.Closed(() => StreamPipeline.Run(ended, loop.Fs.CreateWriteStream(copy), error => log.Add($"ended: {error?.Message ?? "none"}")));
        FileReadStream destroyed = loop.Fs.CreateReadStream(Path.Combine(_directory, "short.bin"));
        destroyed.Destroy();
        StreamPipeline.Run(destroyed, loop.Fs.CreateWriteStream(Path.Combine(_directory, "unused.bin")), error => log.Add($"destroyed: {error?.GetType().Name}"));

        Assert.False(loop.Run());

        Assert.Equal(["destroyed: PrematureCloseException", "ended: none"], log.Order());
        Assert.Empty(File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_file_through_two_transforms_into_another_calls_back_once_every_stream_is_done()
    {
        byte[] content = [.. Enumerable.Range(0, 150 * 1024).Select(i => (byte)('a' + (i % 26)))];
        File.WriteAllBytes(Path.Combine(_directory, "lower.txt"), content);
        using var loop = new EventLoop();
        var log = new List<string>();
        TransformStream upper = Transform(loop, chunk => Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(chunk.Span).ToUpperInvariant()));
        TransformStream dashes = Transform(loop, chunk => chunk.ToArray().Select(b => b == (byte)'Z' ? (byte)'-' : b).ToArray());
        upper.On.Closed(() => log.Add("upper close"));
        dashes.On.Closed(() => log.Add("dashes close"));
        FileWriteStream destination = loop.Fs.CreateWriteStream(Path.Combine(_directory, "upper.txt"));

        StreamPipeline.Run(loop.Fs.CreateReadStream(Path.Combine(_directory, "lower.txt")), [upper, dashes], destination,
            error => log.Add($"callback {error?.Message ?? "none"}"));

        Assert.False(loop.Run());
        Assert.Equal("callback none", log[^1]);
        Assert.Equal(["dashes close", "upper close"], log[..^1].Order());
        string expected = Encoding.ASCII.GetString(content).ToUpperInvariant().Replace('Z', '-');
        Assert.Equal(expected, File.ReadAllText(Path.Combine(_directory, "upper.txt")));
    }

    [Fact]
    public void A_transforms_error_destroys_every_stream_and_reaches_the_callback()
    {
        WriteFile("input.bin", 100 * 1024);
        using var loop = new EventLoop();
        Exception? uncaught = null;
        loop.UncaughtException += error => uncaught = error;
        int seen = 0;
        var failing = new TransformStream(loop, (stream, chunk, callback) =>
            callback(++seen == 2 ? new InvalidDataException("second chunk is bad") : null));
        FileReadStream source = loop.Fs.CreateReadStream(Path.Combine(_directory, "input.bin"), highWaterMark: 16384);
        FileWriteStream destination = loop.Fs.CreateWriteStream(Path.Combine(_directory, "output.bin"));
        Exception? reported = null;

        StreamPipeline.Run(source, [failing], destination, error => reported = error);

        Assert.False(loop.Run());
        Assert.Null(uncaught);
        Assert.Equal("second chunk is bad", reported?.Message);
        Assert.True(source.IsDestroyed);
        Assert.True(destination.IsDestroyed);
        Assert.False(destination.IsFinished);
    }

    [Fact]
    public void RunAsync_through_a_transform_destroyed_early_faults_with_a_premature_close()
    {
        LoopPrograms.Run(async loop =>
        {
            WriteFile("early.bin", 64 * 1024);
            TransformStream passThrough = TransformStream.PassThrough(loop);
            passThrough.On.Data(_ => passThrough.Destroy());

            Task pipeline = StreamPipeline.RunAsync(
                loop.Fs.CreateReadStream(Path.Combine(_directory, "early.bin")), [passThrough],
                loop.Fs.CreateWriteStream(Path.Combine(_directory, "early-copy.bin")));

            await Assert.ThrowsAsync<PrematureCloseException>(() => pipeline);
        });
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call()
    {
        using var loop = new EventLoop();
        using var other = new EventLoop();
        string path = Path.Combine(_directory, "args.txt");
        File.WriteAllText(path, "args");
        FileReadStream source = loop.Fs.CreateReadStream(path);
        FileWriteStream destination = loop.Fs.CreateWriteStream(Path.Combine(_directory, "args-copy.txt"));
        FileWriteStream elsewhere = other.Fs.CreateWriteStream(Path.Combine(_directory, "other.txt"));

        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => StreamPipeline.Run(null!, destination, _ => { })).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => StreamPipeline.Run(source, null!, _ => { })).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => StreamPipeline.Run(source, destination, null!)).ParamName);
        Assert.Contains("another loop", Assert.Throws<ArgumentException>(() => StreamPipeline.Run(source, elsewhere, _ => { })).Message);
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => StreamPipeline.RunAsync(source, destination)));
        Assert.Equal("transforms", Assert.Throws<ArgumentNullException>(() => StreamPipeline.Run(source, null!, destination, _ => { })).ParamName);
        Assert.Contains("Transform 0 is null", Assert.Throws<ArgumentException>(() => StreamPipeline.Run(source, [null!], destination, _ => { })).Message);
        Assert.Contains("another loop", Assert.Throws<ArgumentException>(
            () => StreamPipeline.Run(source, [TransformStream.PassThrough(other)], destination, _ => { })).Message);

        source.Destroy();
        destination.Destroy();
        elsewhere.Destroy();
        loop.Run();
        other.Run();
    }

    /// <summary>A transform that pushes what <paramref name="map"/> makes of each chunk.</summary>
    private static TransformStream Transform(EventLoop loop, Func<ReadOnlyMemory<byte>, byte[]> map) =>
        new(loop, (stream, chunk, callback) =>
        {
            stream.Push(map(chunk));
            callback();
        });

    private string Digest(string name) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(_directory, name))));

    private byte[] WriteFile(string name, int size)
    {
        byte[] content = [.. Enumerable.Range(0, size).Select(i => (byte)(i * 11))];
        File.WriteAllBytes(Path.Combine(_directory, name), content);
        return content;
    }
}
