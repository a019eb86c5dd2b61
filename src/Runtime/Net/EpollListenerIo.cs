using System.Net.Sockets;
using Loopwire.Internal.Linux;

namespace Loopwire.Net;

/// <summary>
/// A <see cref="TcpServer"/>'s accepts on the epoll backend: the listener is non-blocking, and each accept runs on the
/// loop thread once the kernel reports a connection waiting. One connection is accepted per report; the watch is
/// level-triggered, so the next wait reports any others at once.
/// </summary>
internal sealed class EpollListenerIo : IoWatcher, IListenerIo
{
    private static readonly Action<object?> s_deliver = static io => ((EpollListenerIo)io!).Deliver();

    private readonly EpollBackend _epoll;
    private readonly TcpServer _owner;
    private readonly Socket _listener;
    private readonly int _fd;
    private bool _waiting;
    private Socket? _accepted;
    private SocketError _error;

    public EpollListenerIo(EpollBackend epoll, TcpServer owner, Socket listener)
    {
        _epoll = epoll;
        _owner = owner;
        _listener = listener;
        _listener.Blocking = false;
        _fd = (int)listener.SafeHandle.DangerousGetHandle();
    }

    public void Accept()
    {
        _waiting = true;
        Watch();
    }

    public void Close()
    {
        _epoll.Watch(this, _fd, 0);
        if (_waiting)
        {
            _waiting = false;
            (_accepted, _error) = (null, SocketError.OperationAborted);
            Complete(_owner.Loop, s_deliver, fromPoll: false);
        }
    }

    internal override void OnReady(uint events)
    {
        if (_waiting)
        {
            try
            {
                (_accepted, _error) = (_listener.Accept(), SocketError.Success);
            }
            catch (SocketException error) when (error.SocketErrorCode == SocketError.WouldBlock)
            {
                return; // the connection left before it was accepted
            }
            catch (SocketException error)
            {
                (_accepted, _error) = (null, error.SocketErrorCode);
            }

            _waiting = false;
            Complete(_owner.Loop, s_deliver, fromPoll: true);
        }

        Watch();
    }

    /// <summary>Watches while an accept waits, and not otherwise (a server backing off), so a queued connection does not wake the loop.</summary>
    private void Watch() => _epoll.Watch(this, _fd, _waiting ? Epoll.In : 0);

    private void Deliver()
    {
        Socket? accepted = _accepted;
        _accepted = null;
        _owner.OnAccepted(accepted, _error);
    }
}
