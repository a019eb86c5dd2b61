using System.Net;
using System.Net.Sockets;
using Loopwire.Internal.Linux;

namespace Loopwire.Net;

/// <summary>
/// A <see cref="TcpSocket"/>'s operations on the epoll backend, as libuv's streams: the socket is non-blocking, and it
/// is read, written and connected on the loop thread. A send is tried at once, and waits for the socket to be
/// writable only if the kernel's buffer is full; a receive waits for it to be readable. The descriptor is watched only
/// while an operation waits, so a paused socket costs the kernel nothing.
/// </summary>
internal sealed class EpollStreamIo : IoWatcher, IStreamIo
{
    private static readonly Action<object?> s_deliverReceive = static io => ((EpollStreamIo)io!).DeliverReceive();
    private static readonly Action<object?> s_deliverSend = static io => ((EpollStreamIo)io!).DeliverSend();
    private static readonly Action<object?> s_deliverConnect = static io => ((EpollStreamIo)io!).DeliverConnect();

    private readonly EpollBackend _epoll;
    private readonly TcpSocket _owner;
    private readonly Socket _socket;
    private readonly int _fd;
    private Memory<byte> _receiveBuffer;   // while a receive waits
    private ReadOnlyMemory<byte> _sendData; // while a send waits
    private bool _receiveWaiting;
    private bool _sendWaiting;             // a send, or the connect, waits for the socket to be writable
    private bool _connecting;
    private bool _closed;
    private int _received;
    private SocketError _receiveError;
    private int _sent;
    private SocketError _sendError;

    public EpollStreamIo(EpollBackend epoll, TcpSocket owner, Socket socket)
    {
        _epoll = epoll;
        _owner = owner;
        _socket = socket;
        _socket.Blocking = false; // a no-op for accepted sockets, which inherit it from their listener
        _fd = (int)socket.SafeHandle.DangerousGetHandle();
    }

    public void Connect(IPEndPoint remote)
    {
        try
        {
            _socket.Connect(remote);
            _sendError = SocketError.Success;
        }
        catch (SocketException error) when (error.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            _connecting = _sendWaiting = true; // the usual case: writable once connected, with SO_ERROR telling how
            Watch();
            return;
        }
        catch (SocketException error)
        {
            _sendError = error.SocketErrorCode;
        }

        Complete(_owner.Loop, s_deliverConnect, fromPoll: false);
    }

    public void Receive(Memory<byte> buffer)
    {
        _receiveBuffer = buffer;
        _receiveWaiting = true;
        Watch();
    }

    public void Send(ReadOnlyMemory<byte> data)
    {
        _sent = _socket.Send(data.Span, SocketFlags.None, out _sendError);
        if (_sendError == SocketError.WouldBlock)
        {
            _sendData = data;
            _sendWaiting = true;
            Watch();
            return;
        }

        Complete(_owner.Loop, s_deliverSend, fromPoll: false);
    }

    public void Close()
    {
        _closed = true;
        _epoll.Watch(this, _fd, 0);

        if (_receiveWaiting)
        {
            _receiveWaiting = false;
            (_received, _receiveError) = (0, SocketError.OperationAborted);
            Complete(_owner.Loop, s_deliverReceive, fromPoll: false);
        }

        if (_sendWaiting)
        {
            _sendWaiting = false;
            (_sent, _sendError) = (0, SocketError.OperationAborted);
            Complete(_owner.Loop, _connecting ? s_deliverConnect : s_deliverSend, fromPoll: false);
        }
    }

    internal override void OnReady(uint events)
    {
        // An error or hang-up is reported whatever was asked for: the operation waiting then finds it out itself.
        bool failed = (events & (Epoll.Err | Epoll.Hup)) != 0;
        if (_sendWaiting && (failed || (events & Epoll.Out) != 0))
        {
            if (_connecting)
            {
                FinishConnect();
            }
            else
            {
                TrySend();
            }
        }

        if (_receiveWaiting && (failed || (events & Epoll.In) != 0))
        {
            TryReceive();
        }

        Watch();
    }

    private void FinishConnect()
    {
        _sendWaiting = false;
        _sendError = (SocketError)(int)_socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        Complete(_owner.Loop, s_deliverConnect, fromPoll: true);
    }

    private void TrySend()
    {
        int sent = _socket.Send(_sendData.Span, SocketFlags.None, out SocketError error);
        if (error == SocketError.WouldBlock)
        {
            return;
        }

        _sendWaiting = false;
        _sendData = default;
        (_sent, _sendError) = (sent, error);
        Complete(_owner.Loop, s_deliverSend, fromPoll: true);
    }

    private void TryReceive()
    {
        int received = _socket.Receive(_receiveBuffer.Span, SocketFlags.None, out SocketError error);
        if (error == SocketError.WouldBlock)
        {
            return;
        }

        _receiveWaiting = false;
        _receiveBuffer = default;
        (_received, _receiveError) = (received, error);
        Complete(_owner.Loop, s_deliverReceive, fromPoll: true);
    }

    /// <summary>Watches for exactly what the operations waiting need: nothing once closed, or with none waiting.</summary>
    private void Watch()
    {
        uint wanted = (_receiveWaiting ? Epoll.In : 0) | (_sendWaiting ? Epoll.Out : 0);
        _epoll.Watch(this, _fd, _closed ? 0 : wanted);
    }

    private void DeliverReceive() => _owner.OnReceived(_received, _receiveError);

    private void DeliverSend() => _owner.OnSent(_sent, _sendError);

    private void DeliverConnect()
    {
        _connecting = false;
        _owner.OnConnected(_sendError);
    }
}
