using System.Net;
using System.Net.Sockets;
using Loopwire.Internal.Linux;

namespace Loopwire.Net;

/// <summary>
/// A <see cref="UdpSocket"/>'s operations on the epoll backend, as libuv's <c>uv_udp_t</c>: read and written on the
/// loop thread. A send is tried at once and waits for the socket to be writable only if the kernel's buffer is full;
/// a receive waits for a datagram. Like libuv's <c>uv__udp_recvmsg</c>, one readiness report receives again while
/// datagrams wait and the owner receives on.
/// </summary>
internal sealed class EpollDatagramIo : EpollSocketIo, IDatagramIo
{
    private readonly UdpSocket _owner;
    private readonly IPEndPoint _anyEndPoint; // tells .NET which family of address to receive the sender's into
    private Memory<byte> _receiveBuffer;      // while a receive waits
    private ReadOnlyMemory<byte> _sendData;   // while a send waits, to:
    private IPEndPoint? _sendTo;
    private int _received;
    private IPEndPoint? _receivedFrom;
    private SocketError _receiveError;
    private SocketError _sendError;

    public EpollDatagramIo(EpollBackend epoll, UdpSocket owner, Socket socket)
        : base(epoll, owner.Loop, socket)
    {
        _owner = owner;
        _anyEndPoint = NetArguments.AnyEndPoint(socket.AddressFamily);
    }

    public void Receive(Memory<byte> buffer)
    {
        _receiveBuffer = buffer;
        WaitToReceive();
    }

    public void Send(ReadOnlyMemory<byte> datagram, IPEndPoint to)
    {
        _sendError = SendTo(datagram, to);
        if (_sendError == SocketError.WouldBlock)
        {
            (_sendData, _sendTo) = (datagram, to);
            WaitToSend();
            return;
        }

        SendFinished();
    }

    protected override bool TryReceive()
    {
        EndPoint from = _anyEndPoint;
        try
        {
            // A new endpoint for each datagram: the one handed to 'message' listeners is theirs to keep.
            _received = Socket.ReceiveFrom(_receiveBuffer.Span, SocketFlags.None, ref from);
            (_receivedFrom, _receiveError) = ((IPEndPoint)from, SocketError.Success);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.WouldBlock)
        {
            return false;
        }
        catch (SocketException error)
        {
            (_received, _receivedFrom, _receiveError) = (0, null, error.SocketErrorCode);
        }

        _receiveBuffer = default;
        return true;
    }

    /// <summary>Whether another datagram waits: the kernel's count of the next one's bytes, where libuv tries and meets EAGAIN (which .NET would throw).</summary>
    protected override bool ReceivesAgain => Socket.Available > 0;

    protected override bool TrySend()
    {
        SocketError error = SendTo(_sendData, _sendTo!);
        if (error == SocketError.WouldBlock)
        {
            return false;
        }

        (_sendData, _sendTo, _sendError) = (default, null, error);
        return true;
    }

    protected override void AbortReceive() => (_received, _receivedFrom, _receiveError) = (0, null, SocketError.OperationAborted);

    protected override void AbortSend() => _sendError = SocketError.OperationAborted;

    protected override void DeliverReceive() => _owner.OnReceived(_received, _receivedFrom, _receiveError);

    protected override void DeliverSend() => _owner.OnSent(_sendError);

    private SocketError SendTo(ReadOnlyMemory<byte> datagram, IPEndPoint to)
    {
        try
        {
            Socket.SendTo(datagram.Span, SocketFlags.None, to);
            return SocketError.Success;
        }
        catch (SocketException error)
        {
            return error.SocketErrorCode;
        }
    }
}
