using System.Net;
using System.Net.Sockets;
using Loopwire.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// How many reads one readiness makes. libuv's <c>uv__read</c> (src/unix/stream.c) reads up to 32 times per readiness
/// report while each read fills its 64 KiB buffer, and stops at once when <c>read_cb</c> stops reading or closes the
/// stream, on EAGAIN, at EOF and on an error. The epoll backend does the same; the portable backend takes every receive
/// completed in time in the same poll phase, so the tests hold on both. The peer is a plain .NET socket; where a test
/// needs its bytes in the kernel when the loop first looks, it writes them before the loop runs.
/// </summary>
public sealed class TcpReadLoopTests
{
    private const int ReadBufferSize = 64 * 1024; // what TcpSocket offers each read, as libuv

    [Fact]
    public void A_readiness_reads_again_while_each_read_fills_the_buffer_as_libuv_uv__read()
    {
        byte[] payload = Payload(16 * ReadBufferSize);
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        using var iterations = new IterationCounter(loop);
        var chunkIterations = new List<long>();
        var received = new MemoryStream();
        server.On.Connection(socket => guard.Track(socket)
            .On.Data(chunk =>
            {
                chunkIterations.Add(iterations.Current);
                received.Write(chunk.Span);
            })
            .On.Ended(() => server.Close())
            .On.Error(error => guard.Fail(error.Message)));

        WriteAndEnd(server, payload);
        guard.Run();

        Assert.Equal(payload, received.ToArray());

        // One read per readiness would make this 1: the first read takes a full buffer from what the kernel holds for a
        // reader that has not read yet (about 110 KiB on loopback with Linux's default buffers), and the same readiness
        // reads at least once more.
        Assert.InRange(MostChunksInOneIteration(chunkIterations), 2, int.MaxValue);
    }

    [LinuxFact("the cap is the epoll backend's, as libuv's")]
    public void A_readiness_reads_at_most_32_times_so_a_peer_that_keeps_up_cannot_starve_the_loop()
    {
        // libuv's uv__read caps its reads to "prevent loop starvation when the data comes in as fast as (or faster than)
        // we can read it".
        // The peer fills both kernels' buffers (megabytes on loopback) before the loop runs, and each read makes room
        // that the peer's kernel fills again at once: without the cap the first readiness would read dozens of buffers.
        byte[] payload = Payload(96 * ReadBufferSize);
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        using var iterations = new IterationCounter(loop);
        var chunkIterations = new List<long>();
        long received = 0;
        server.On.Connection(socket => guard.Track(socket)
            .On.Data(chunk =>
            {
                chunkIterations.Add(iterations.Current);
                received += chunk.Length;
            })
            .On.Ended(() => server.Close())
            .On.Error(error => guard.Fail(error.Message)));

        using Socket peer = ConnectedPeer(server);
        int taken = WriteWhatTheKernelTakes(peer, payload);
        var writer = new Thread(() => WriteAndEnd(peer, payload.AsSpan(taken)));
        writer.Start();
        guard.Run();
        writer.Join();

        Assert.Equal(payload.Length, received);
        Assert.InRange(MostChunksInOneIteration(chunkIterations), 1, 32);
    }

    [Fact]
    public void Pausing_in_a_data_listener_ends_the_reads_of_that_readiness_and_Resume_delivers_the_rest_in_order()
    {
        // libuv's uv__read loops only while the stream is reading: uv_read_stop in read_cb ends it at once.
        byte[] payload = Payload(16 * ReadBufferSize);
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        using var iterations = new IterationCounter(loop);
        var chunkIterations = new List<long>();
        var received = new MemoryStream();
        int chunksWhilePaused = 0;
        server.On.Connection(socket => guard.Track(socket)
            .On.Data(chunk =>
            {
                chunksWhilePaused += socket.IsPaused ? 1 : 0;
                chunkIterations.Add(iterations.Current);
                received.Write(chunk.Span);
                if (chunkIterations.Count == 1)
                {
                    socket.Pause();
                    loop.SetImmediate(socket.Resume); // in the check phase, once this poll phase is over
                }
            })
            .On.Ended(() => server.Close())
            .On.Error(error => guard.Fail(error.Message)));

        WriteAndEnd(server, payload);
        guard.Run();

        Assert.Equal(0, chunksWhilePaused);
        Assert.Single(chunkIterations, iteration => iteration == chunkIterations[0]);
        Assert.Equal(payload, received.ToArray());
    }

    [Fact]
    public void Destroying_in_a_data_listener_ends_the_reads_of_that_readiness()
    {
        // libuv's uv__read: a read_cb that closes the stream stops it reading, so no read follows on a closed
        // descriptor.
        byte[] payload = Payload(16 * ReadBufferSize);
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        var events = new List<string>();
        server.On.Connection(socket => guard.Track(socket)
            .On.Data(chunk =>
            {
                events.Add("data");
                socket.Destroy();
                server.Close();
            })
            .On.Ended(() => events.Add("end"))
            .On.Error(error => events.Add("error " + error.Message))
            .On.Closed(hadError => events.Add($"close {hadError}")));

        // The peer is reset when the server closes with its bytes unread: it writes from a thread of its own, and
        // its failure to write the rest is expected.
        using Socket peer = ConnectedPeer(server);
        var writer = new Thread(() => Record.Exception(() => WriteAndEnd(peer, payload)));
        writer.Start();
        guard.Run();
        writer.Join();

        Assert.Equal(["data", "close False"], events);
    }

    [Fact]
    public void The_end_of_a_peer_that_wrote_several_buffers_then_ended_follows_all_its_data()
    {
        // libuv's uv__read reports EOF (a read of 0) only after the data before it: the reads of a readiness stop at a
        // partial read, and a later one finds the end.
        byte[] payload = Payload((5 * ReadBufferSize / 2) + 1);
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        var events = new List<string>();
        var received = new MemoryStream();
        server.On.Connection(socket => guard.Track(socket)
            .On.Data(chunk =>
            {
                if (events.LastOrDefault() != "data")
                {
                    events.Add("data");
                }

                received.Write(chunk.Span);
            })
            .On.Ended(() =>
            {
                events.Add($"end after {received.Length} bytes");
                server.Close();
            })
            .On.Error(error => guard.Fail(error.Message))
            .On.Closed(hadError => events.Add($"close {hadError}")));

        WriteAndEnd(server, payload);
        guard.Run();

        Assert.Equal(["data", $"end after {payload.Length} bytes", "close False"], events);
        Assert.Equal(payload, received.ToArray());
    }

    [Fact]
    public void The_reads_of_a_readiness_allocate_nothing_but_the_chunks_they_hand_to_listeners()
    {
        // Each chunk is a fresh array a listener may keep; a read, its delivery and the next read allocate nothing
        // else on the loop thread.
        byte[] payload = Payload(512 * ReadBufferSize);
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(0));
        var allocations = new ChunkAllocations();
        server.On.Connection(socket => guard.Track(socket)
            .On.Data(chunk => allocations.Record(chunk.Length))
            .On.Ended(() => server.Close())
            .On.Error(error => guard.Fail(error.Message)));

        using Socket peer = ConnectedPeer(server);
        var writer = new Thread(() => WriteAndEnd(peer, payload));
        writer.Start();
        guard.Run();
        writer.Join();

        Assert.Equal(0, allocations.LeastBeyondChunks());
    }

    /// <summary>Connects a plain socket to <paramref name="server"/>, writes <paramref name="payload"/> and ends, before the loop runs.</summary>
    private static void WriteAndEnd(TcpServer server, byte[] payload)
    {
        using Socket peer = ConnectedPeer(server);
        WriteAndEnd(peer, payload);
    }

    private static void WriteAndEnd(Socket peer, ReadOnlySpan<byte> payload)
    {
        peer.Send(payload);
        peer.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Writes what the kernel takes of <paramref name="payload"/> without waiting; returns how many bytes that was.</summary>
    private static int WriteWhatTheKernelTakes(Socket peer, byte[] payload)
    {
        peer.Blocking = false;
        int taken = 0;
        for (int sent; taken < payload.Length && (sent = peer.Send(payload.AsSpan(taken), SocketFlags.None, out _)) > 0;)
        {
            taken += sent;
        }

        peer.Blocking = true;
        return taken;
    }

    /// <summary>A plain socket connected to <paramref name="server"/>; a send the reader never makes room for fails after 30 s rather than hanging.</summary>
    private static Socket ConnectedPeer(TcpServer server)
    {
        var peer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { SendTimeout = 30_000 };
        peer.Connect(new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint!.Port));
        return peer;
    }

    private static byte[] Payload(int length)
    {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            payload[i] = (byte)(i % 251); // a period prime to every buffer size, so a chunk out of place shows
        }

        return payload;
    }

    /// <summary>What a byte array of <paramref name="length"/> takes on a 64-bit runtime: a 24-byte header, then the bytes padded to 8.</summary>

    private static int MostChunksInOneIteration(List<long> chunkIterations) =>
        chunkIterations.CountBy(iteration => iteration).Max(pair => pair.Value);
}
