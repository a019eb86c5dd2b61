using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Loopwire.Net;

/// <summary>
/// A <see cref="UdpSocket"/>'s operations on the portable backend: they run on .NET's socket threads, and each
/// completion is posted to the loop and runs in its poll phase.
/// </summary>
internal sealed class CompletionDatagramIo : IDatagramIo
{
    private readonly UdpSocket _owner;
    private readonly Socket _socket;
    private readonly SocketOperation _receive;
    private readonly SocketOperation _send;
    private readonly IPEndPoint _anyEndPoint; // tells .NET which family of address to receive the sender's into
    private bool _receiving;
    private bool _sending;
    private bool _closed;

    public CompletionDatagramIo(UdpSocket owner, Socket socket)
    {
        _owner = owner;
        _socket = socket;
        _receive = new SocketOperation(owner.Loop, static io => ((CompletionDatagramIo)io!).Received(), this);
        _send = new SocketOperation(owner.Loop, static io => ((CompletionDatagramIo)io!).Sent(), this);
        _anyEndPoint = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
    }

    public void Receive(Memory<byte> buffer)
    {
        if (!buffer.Equals(_receive.MemoryBuffer))
        {
            _receive.SetBuffer(buffer);
        }

        // Reset each time: .NET keeps the endpoint object when the next sender's address equals it, and the one
        // handed to 'message' listeners is theirs to keep.
        _receive.RemoteEndPoint = _anyEndPoint;
        _receiving = true;
        _receive.Started(_socket.ReceiveFromAsync(_receive));
    }

    public void Send(ReadOnlyMemory<byte> datagram, IPEndPoint to)
    {
        _send.SetBuffer(MemoryMarshal.AsMemory(datagram)); // only read from: SocketAsyncEventArgs has no read-only buffer
        _send.RemoteEndPoint = to;
        _sending = true;
        _send.Started(_socket.SendToAsync(_send));
    }

    public void Close()
    {
        // Disposing the socket aborts what is in flight; each operation is disposed once its completion has run.
        _closed = true;
        if (!_receiving)
        {
            _receive.Dispose();
        }

        if (!_sending)
        {
            _send.Dispose();
        }
    }

    private void Received()
    {
        _receiving = false;
        int count = _receive.BytesTransferred;
        var from = (IPEndPoint?)_receive.RemoteEndPoint;
        SocketError error = _receive.SocketError;
        if (_closed)
        {
            _receive.Dispose();
        }

        _owner.OnReceived(count, from, error);
    }

    private void Sent()
    {
        _sending = false;
        SocketError error = _send.SocketError;
        if (_closed)
        {
            _send.Dispose();
        }

        _owner.OnSent(error);
    }
}
