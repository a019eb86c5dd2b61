using Loopwire.Benchmarks.Compare;
using Loopwire.Net;

namespace Loopwire.Benchmarks.Net;

/// <summary>
/// 20k round trips of a 64-byte message between a client and an echo server on one loop over loopback: each trip is
/// two writes, two reads and the poll phases between them, so it measures the loop's socket path (on Linux, the
/// epoll backend). Both sides set no-delay, as the Node twin does.
/// </summary>
public sealed class TcpPingPongScenario : CompareScenario
{
    private const int RoundTrips = 20_000;
    private const int MessageSize = 64;

    private static readonly byte[] Message = new byte[MessageSize];

    // One loop for every run, as Node has.
    private readonly EventLoop _loop = new();

    public override string Name => "tcp-pingpong";

    public override string NodeScript => "tcp-pingpong.js";

    public override long Operations => RoundTrips;

    public override void Run()
    {
        var server = new TcpServer(_loop);
        server.On.Connection(socket => socket.SetNoDelay().On.Data(chunk => socket.Write(chunk)));
        server.Listen(0);
        TcpSocket client = TcpSocket.Connect(_loop, server.LocalEndPoint!.Port).SetNoDelay();
        int trips = 0;
        int received = 0;
        client.On.Connected(() => client.Write(Message));
        client.On.Data(chunk =>
        {
            // A message may arrive in pieces: each whole one received ends a trip and starts the next.
            for (received += chunk.Length; received >= MessageSize; received -= MessageSize)
            {
                if (++trips == RoundTrips)
                {
                    client.Destroy();
                    server.Close();
                    return;
                }

                client.Write(Message);
            }
        });
        _loop.Run();
    }
}
