using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Loopwire.Net;

/// <summary>
/// A <see cref="TcpSocket"/>'s operations on the portable backend: they run on .NET's socket threads, and each
/// completion is posted to the loop and runs in its poll phase.
/// </summary>
internal sealed class CompletionStreamIo : IStreamIo
{
    private readonly TcpSocket _owner;
    private readonly Socket _socket;
    private readonly SocketOperation _receive;
    private readonly SocketOperation _send; // also runs the connect: no send starts before it completes
    private bool _receiving;
    private bool _sending;
    private bool _connecting;
    private bool _closed;

    public CompletionStreamIo(TcpSocket owner, Socket socket)
    {
        _owner = owner;
        _socket = socket;
        _receive = new SocketOperation(owner.Loop, static io => ((CompletionStreamIo)io!).Received(), this);
        _send = new SocketOperation(owner.Loop, static io => ((CompletionStreamIo)io!).Sent(), this);
    }

    public void Connect(IPEndPoint remote)
    {
        _sending = _connecting = true;
        _send.RemoteEndPoint = remote;
        _send.Started(_socket.ConnectAsync(_send));
    }

    public void Receive(Memory<byte> buffer)
    {
        _receiving = true;
        if (!buffer.Equals(_receive.MemoryBuffer))
        {
            _receive.SetBuffer(buffer);
        }

        _receive.Started(_socket.ReceiveAsync(_receive));
    }

    public void Send(ReadOnlyMemory<byte> data)
    {
        _sending = true;
        _send.SetBuffer(MemoryMarshal.AsMemory(data)); // only read from: SocketAsyncEventArgs has no read-only buffer
        _send.Started(_socket.SendAsync(_send));
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
        SocketError error = _receive.SocketError;
        if (_closed)
        {
            _receive.Dispose();
        }

        _owner.OnReceived(count, error);
    }

    private void Sent()
    {
        _sending = false;
        int count = _send.BytesTransferred;
        SocketError error = _send.SocketError;
        if (_closed)
        {
            _send.Dispose();
        }

        if (_connecting)
        {
            _connecting = false;
            _owner.OnConnected(error);
        }
        else
        {
            _owner.OnSent(count, error);
        }
    }
}
