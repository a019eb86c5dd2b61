using Loopwire.Benchmarks.Compare;
using Loopwire.Net;

namespace Loopwire.Benchmarks.Net;

/// <summary>
/// Bulk transfer over loopback on one loop: a client writes 256 MiB in 64 KiB chunks to a server that counts what it
/// receives, so it measures the loop's socket path with a full pipe (on Linux, the epoll backend) rather than its
/// latency. The client writes with Node's backpressure: it stops when
/// <see cref="TcpSocket.Write(ReadOnlyMemory{byte})"/> returns false and goes on at <c>drain</c>, then ends its side;
/// the server closes at the end of its connection, and the run is over once everything has closed.
/// One operation is one 64 KiB chunk's worth of bytes delivered to the server, however the reads split them.
/// </summary>
public sealed class TcpThroughputScenario : CompareScenario
{
    private const int ChunkSize = 64 * 1024;
    private const long TotalBytes = 256L * 1024 * 1024;

    private static readonly byte[] Chunk = new byte[ChunkSize];

    // One loop for every run, as Node has.
    private readonly EventLoop _loop = new();

    public override string Name => "tcp-throughput";

    public override string NodeScript => "tcp-throughput.js";

    public override long Operations => TotalBytes / ChunkSize;

    public override void Run()
    {
        var server = new TcpServer(_loop);
        long received = 0;
        server.On.Connection(socket => socket
            .On.Data(chunk => received += chunk.Length)
            .On.Ended(() => server.Close()));
        server.Listen(0);
        TcpSocket client = TcpSocket.Connect(_loop, server.LocalEndPoint!.Port);
        long written = 0;
        void WriteUntilFull()
        {
            while (written < TotalBytes)
            {
                written += ChunkSize;
                if (!client.Write(Chunk))
                {
                    return; // 'drain' calls again
                }
            }

            client.End();
        }

        client.On.Connected(WriteUntilFull).On.Drain(WriteUntilFull);
        _loop.Run();
        if (received != TotalBytes)
        {
            throw new InvalidOperationException($"The server received {received} bytes of {TotalBytes}.");
        }
    }
}
