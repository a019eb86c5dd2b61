using Loopwire.Net;

namespace Loopwire.Tests.Support;

/// <summary>
/// Keeps a network test from hanging: a ref'd 30 s timeout that, if it fires, records a failure and closes every
/// tracked handle so that <see cref="EventLoop.Run"/> returns. It is cleared once every tracked handle has emitted
/// <c>close</c>, so a test that closes everything it opened lets the loop end at once.
/// </summary>
internal sealed class NetGuard
{
    private const int Seconds = 30;

    private readonly EventLoop _loop;
    private readonly List<Handle> _handles = [];
    private readonly Timer _timer;
    private int _open;

    public NetGuard(EventLoop loop)
    {
        _loop = loop;
        _timer = loop.SetTimeout(Expire, Seconds * 1000);
    }

    /// <summary>Why the test failed inside the loop: the timeout, or what <see cref="Fail"/> was given.</summary>
    public string? Failure { get; private set; }

    public TcpSocket Track(TcpSocket socket)
    {
        Add(socket);
        socket.On.Closed(_ => Closed());
        return socket;
    }

    public TcpServer Track(TcpServer server)
    {
        Add(server);
        server.On.Closed(Closed);
        return server;
    }

    public UdpSocket Track(UdpSocket socket)
    {
        Add(socket);
        socket.On.Closed(Closed);
        return socket;
    }

    /// <summary>Records a failure seen in a callback (an unexpected error event) without throwing into the loop.</summary>
    public void Fail(string failure) => Failure ??= failure;

    /// <summary>Runs the loop to its end and checks that the guard did not have to end it.</summary>
    public void Run()
    {
        bool alive = _loop.Run();

        Assert.Null(Failure);
        Assert.False(alive);
        Assert.Equal(0, _open);
    }

    private void Add(Handle handle)
    {
        _handles.Add(handle);
        _open++;
    }

    private void Closed()
    {
        if (--_open == 0)
        {
            _loop.ClearTimeout(_timer);
        }
    }

    private void Expire()
    {
        Fail($"timed out after {Seconds} s with {_open} handle(s) still open");
        foreach (Handle handle in _handles)
        {
            handle.Dispose();
        }
    }
}
