using System.Net;
using System.Net.Sockets;
using Loopwire.Internal.Linux;

namespace Loopwire.Net;

/// <summary>
/// A <see cref="UdpSocket"/>'s operations on the epoll backend, as libuv's <c>uv_udp_t</c>: the socket is
/// non-blocking and read and written on the loop thread. A send is tried at once and waits for the socket to be
/// writable only if the kernel's buffer is full; a receive waits for a datagram. The descriptor is watched only
/// while an operation waits.
/// </summary>
internal sealed class EpollDatagramIo : IoWatcher, IDatagramIo
{
    private static readonly Action<object?> s_deliverReceive = static io => ((EpollDatagramIo)io!).DeliverReceive();
    private static readonly Action<object?> s_deliverSend = static io => ((EpollDatagramIo)io!).DeliverSend();

    private readonly EpollBackend _epoll;
    private readonly UdpSocket _owner;
    private readonly Socket _socket;
    private readonly int _fd;
    private readonly IPEndPoint _anyEndPoint; // tells .NET which family of address to receive the sender's into
    private Memory<byte> _receiveBuffer;      // while a receive waits
    private ReadOnlyMemory<byte> _sendData;   // while a send waits, to:
    private IPEndPoint? _sendTo;
    private bool _receiveWaiting;
    private bool _sendWaiting;
    private bool _closed;
    private int _received;
    private IPEndPoint? _receivedFrom;
    private SocketError _receiveError;
    private SocketError _sendError;

    public EpollDatagramIo(EpollBackend epoll, UdpSocket owner, Socket socket)
    {
        _epoll = epoll;
        _owner = owner;
        _socket = socket;
        _socket.Blocking = false;
        _fd = (int)socket.SafeHandle.DangerousGetHandle();
        _anyEndPoint = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
    }

    public void Receive(Memory<byte> buffer)
    {
        _receiveBuffer = buffer;
        _receiveWaiting = true;
        Watch();
    }

    public void Send(ReadOnlyMemory<byte> datagram, IPEndPoint to)
    {
        _sendError = SendTo(datagram, to);
        if (_sendError == SocketError.WouldBlock)
        {
            (_sendData, _sendTo, _sendWaiting) = (datagram, to, true);
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
            (_received, _receivedFrom, _receiveError) = (0, null, SocketError.OperationAborted);
            Complete(_owner.Loop, s_deliverReceive, fromPoll: false);
        }

        if (_sendWaiting)
        {
            _sendWaiting = false;
            _sendError = SocketError.OperationAborted;
            Complete(_owner.Loop, s_deliverSend, fromPoll: false);
        }
    }

    internal override void OnReady(uint events)
    {
        bool failed = (events & (Epoll.Err | Epoll.Hup)) != 0;
        if (_sendWaiting && (failed || (events & Epoll.Out) != 0))
        {
            TrySend();
        }

        if (_receiveWaiting && (failed || (events & Epoll.In) != 0))
        {
            TryReceive();
        }

        Watch();
    }

    private void TrySend()
    {
        SocketError error = SendTo(_sendData, _sendTo!);
        if (error == SocketError.WouldBlock)
        {
            return;
        }

        (_sendData, _sendTo, _sendWaiting, _sendError) = (default, null, false, error);
        Complete(_owner.Loop, s_deliverSend, fromPoll: true);
    }

    private void TryReceive()
    {
        EndPoint from = _anyEndPoint;
        try
        {
            // A new endpoint for each datagram: the one handed to 'message' listeners is theirs to keep.
            _received = _socket.ReceiveFrom(_receiveBuffer.Span, SocketFlags.None, ref from);
            (_receivedFrom, _receiveError) = ((IPEndPoint)from, SocketError.Success);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.WouldBlock)
        {
            return;
        }
        catch (SocketException error)
        {
            (_received, _receivedFrom, _receiveError) = (0, null, error.SocketErrorCode);
        }

        _receiveWaiting = false;
        _receiveBuffer = default;
        Complete(_owner.Loop, s_deliverReceive, fromPoll: true);
    }

    private SocketError SendTo(ReadOnlyMemory<byte> datagram, IPEndPoint to)
    {
        try
        {
            _socket.SendTo(datagram.Span, SocketFlags.None, to);
            return SocketError.Success;
        }
        catch (SocketException error)
        {
            return error.SocketErrorCode;
        }
    }

    /// <summary>Watches for exactly what the operations waiting need: nothing once closed, or with none waiting.</summary>
    private void Watch()
    {
        uint wanted = (_receiveWaiting ? Epoll.In : 0) | (_sendWaiting ? Epoll.Out : 0);
        _epoll.Watch(this, _fd, _closed ? 0 : wanted);
    }

    private void DeliverReceive() => _owner.OnReceived(_received, _receivedFrom, _receiveError);

    private void DeliverSend() => _owner.OnSent(_sendError);
}
