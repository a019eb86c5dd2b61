using System.Text;
using Loopwire.Net;
using Loopwire.Processes;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Pipe between streams of different kinds, as Node's <c>readable.pipe(writable)</c>: every byte in order, the
/// destination ended after the source's last chunk, the source paused while the destination is full (E1: Pipe's own
/// 'data' listener runs first, so a listener added after it sees its Pause) and once the destination cannot be written.
/// </summary>
public sealed class StreamPipeTests : IDisposable
{
    private const int Size = 256 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-pipes-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_socket_piped_into_a_file_writes_every_byte_and_ends_the_file_when_the_peer_ends()
    {
        string path = Path.Combine(_directory, "from-socket.bin");
        byte[] sent = Bytes(Size);
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        var log = new List<string>();
        server.On.Connection(socket =>
        {
            guard.Track(socket).Pipe(loop.Fs.CreateWriteStream(path))
                 .On.Finish(() => log.Add("file finish"))
                 .On.Closed(() => server.Dispose());
        });

        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.Write(sent);
        client.End();
        client.On.Error(error => guard.Fail(error.Message));

        guard.Run();

        Assert.Equal(["file finish"], log);
        Assert.Equal(sent, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_piped_into_a_socket_arrives_whole_and_ends_the_socket_pausing_the_file_while_the_socket_is_full()
    {
        string path = Path.Combine(_directory, "to-socket.bin");
        byte[] content = Bytes(Size);
        File.WriteAllBytes(path, content);
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        int pausedAfterChunk = 0;
        server.On.Connection(socket =>
        {
            guard.Track(socket).HighWaterMark = 1024;
            FileReadStream reader = loop.Fs.CreateReadStream(path);
            reader.Pipe(socket);
            reader.On.Data(_ => pausedAfterChunk += reader.IsPaused ? 1 : 0);
        });

        var received = new MemoryStream();
        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.On.Data(chunk => received.Write(chunk.Span))
              .On.Error(error => guard.Fail(error.Message))
              .On.Closed(_ => server.Dispose());

        guard.Run();

        Assert.Equal(content, received.ToArray()); // and the client saw 'end': it closed, ending the test
        Assert.True(pausedAfterChunk > 0, "the file was never paused for the socket");
    }

    [Fact]
    public void A_childs_stdout_piped_into_a_file_holds_all_it_printed()
    {
        string path = Path.Combine(_directory, "from-child.txt");
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, "/bin/sh", ["-c", "seq 1 20000"]);
        child.Stdout!.Pipe(loop.Fs.CreateWriteStream(path));

        Assert.False(loop.Run());

        string expected = string.Concat(Enumerable.Range(1, 20000).Select(n => $"{n}\n"));
        Assert.Equal(expected, File.ReadAllText(path, Encoding.ASCII));
    }

    [Fact]
    public void A_source_is_paused_once_its_destination_can_no_longer_be_written()
    {
        // Node: a destination that closes is unpiped, and a source left with no pipe pauses.
        string path = Path.Combine(_directory, "destroyed.bin");
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        bool? pausedAfterChunk = null;
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            FileWriteStream writer = socket.Pipe(loop.Fs.CreateWriteStream(path));
            writer.Destroy();
            Assert.False(writer.IsWritable);
            socket.On.Data(_ =>
            {
                pausedAfterChunk = socket.IsPaused;
                socket.Destroy();
                server.Dispose();
            });
        });

        TcpSocket client = guard.Track(TcpSocket.Connect(loop, server.LocalEndPoint!.Port));
        client.Write("into a closed file");
        client.On.Error(_ => { }); // the server's destroy may reach the client as a reset

        guard.Run();

        Assert.True(pausedAfterChunk);
    }

    [Fact]
    public void A_pipe_from_a_file_into_a_file_hands_each_chunk_over_without_copying_it_again()
    {
        // The read stream's chunks are fresh arrays nothing writes to, so the write stream keeps them: the loop thread
        // allocates the 4 MiB read once, where a copy per chunk would allocate it twice.
        const int Size = 4 * 1024 * 1024;
        string source = Path.Combine(_directory, "kept-source.bin");
        string copy = Path.Combine(_directory, "kept-copy.bin");
        File.WriteAllBytes(source, Bytes(Size));
        using var loop = new EventLoop();
        loop.Fs.CreateReadStream(source).Pipe(loop.Fs.CreateWriteStream(copy));

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(loop.Run());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(copy));
        Assert.InRange(allocated, Size, Size + (Size / 2));
    }

    [Fact]
    public void Unpipe_stops_one_pipe_or_every_pipe_and_pauses_a_source_left_with_none_as_in_Node()
    {
        // Node: after unpipe(a), b alone gets 'two '; after unpipe(), the source is paused and holds 'three'; neither
        // destination is ended by the source's end.
        using var loop = new EventLoop();
        TransformStream source = TransformStream.PassThrough(loop);
        TransformStream a = TransformStream.PassThrough(loop), b = TransformStream.PassThrough(loop);
        var readA = new StringBuilder();
        var readB = new StringBuilder();
        a.On.Data(chunk => readA.Append(Encoding.ASCII.GetString(chunk.Span)));
        b.On.Data(chunk => readB.Append(Encoding.ASCII.GetString(chunk.Span)));
        source.Pipe(a);
        source.Pipe(b);
        source.Write("one ");
        loop.Run(RunMode.NoWait);

        source.Unpipe(a);
        Assert.False(source.IsPaused);
        source.Write("two ");
        loop.Run(RunMode.NoWait);
        source.Unpipe().Unpipe(a); // the second finds nothing to do
        Assert.True(source.IsPaused);
        source.Write("three");
        source.End();
        loop.Run(RunMode.NoWait);

        Assert.Equal(("one ", "one two "), (readA.ToString(), readB.ToString()));
        Assert.Equal(5, source.ReadableLength);
        Assert.True(a.IsWritable && b.IsWritable);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => StreamPipe.Unpipe(null!)).ParamName);
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => source.Unpipe()));
    }

    [Fact]
    public void Pipe_rejects_a_missing_source_or_destination_by_name()
    {
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, "/bin/sh", ["-c", "true"]);

        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => StreamPipe.Pipe<IWritableStream>(null!, child.Stdin!)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => child.Stdout!.Pipe<IWritableStream>(null!)).ParamName);
        loop.Run();
    }

    private static byte[] Bytes(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(i * 7))];
}
