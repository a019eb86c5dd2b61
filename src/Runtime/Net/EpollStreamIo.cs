using System.Net;
using System.Net.Sockets;
using Loopwire.Internal.Linux;

namespace Loopwire.Net;

/// <summary>
/// A <see cref="TcpSocket"/>'s operations on the epoll backend, as libuv's streams: read, written and connected on the
/// loop thread. A send is tried at once and waits for the socket to be writable only if the kernel's buffer is full;
/// a receive waits for it to be readable; a connect waits for it to be writable, and <c>SO_ERROR</c> tells how it went.
/// Like libuv's <c>uv__read</c>, one readiness report receives again while each receive fills its buffer and the owner
/// reads on.
/// </summary>
internal sealed class EpollStreamIo : EpollSocketIo, IStreamIo
{
    private readonly TcpSocket _owner;
    private Memory<byte> _receiveBuffer;    // while a receive waits
    private ReadOnlyMemory<byte> _sendData; // while a send waits
    private bool _connecting;               // the connect takes the send's place until it completes
    private int _received;
    private bool _receiveFilled; // the receive took all the buffer could hold: the kernel may have more
    private SocketError _receiveError;
    private int _sent;
    private SocketError _sendError;

    public EpollStreamIo(EpollBackend epoll, TcpSocket owner, Socket socket)
        : base(epoll, owner.Loop, socket)
    {
        _owner = owner;
    }

    public void Connect(EndPoint remote)
    {
        _connecting = true;
        try
        {
            Socket.Connect(remote);
            _sendError = SocketError.Success;
        }
        catch (SocketException error) when (error.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            WaitToSend(); // the usual case
            return;
        }
        catch (SocketException error)
        {
            _sendError = error.SocketErrorCode;
        }

        SendFinished();
    }

    public void Receive(Memory<byte> buffer)
    {
        _receiveBuffer = buffer;
        WaitToReceive();
    }

    public void Send(ReadOnlyMemory<byte> data)
    {
        _sent = Socket.Send(data.Span, SocketFlags.None, out _sendError);
        if (_sendError == SocketError.WouldBlock)
        {
            _sendData = data;
            WaitToSend();
            return;
        }

        SendFinished();
    }

    protected override bool TryReceive()
    {
        int received = Socket.Receive(_receiveBuffer.Span, SocketFlags.None, out SocketError error);
        if (error == SocketError.WouldBlock)
        {
            return false;
        }

        _receiveFilled = received == _receiveBuffer.Length;
        _receiveBuffer = default;
        (_received, _receiveError) = (received, error);
        return true;
    }

    /// <summary>A full buffer may have left bytes behind; a paused owner wants no more until it resumes.</summary>
    protected override bool ReceivesAgain => _receiveFilled && !_owner.IsPaused;

    protected override bool TrySend()
    {
        if (_connecting)
        {
            _sendError = (SocketError)(int)Socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            return true;
        }

        int sent = Socket.Send(_sendData.Span, SocketFlags.None, out SocketError error);
        if (error == SocketError.WouldBlock)
        {
            return false;
        }

        _sendData = default;
        (_sent, _sendError) = (sent, error);
        return true;
    }

    protected override void AbortReceive() => (_received, _receiveError) = (0, SocketError.OperationAborted);

    protected override void AbortSend() => (_sent, _sendError) = (0, SocketError.OperationAborted);

    protected override void DeliverReceive() => _owner.OnReceived(_received, _receiveError);

    protected override void DeliverSend()
    {
        if (_connecting)
        {
            _connecting = false;
            _owner.OnConnected(_sendError);
        }
        else
        {
            _owner.OnSent(_sent, _sendError);
        }
    }
}
