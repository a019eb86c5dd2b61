using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Loopwire.Net;

/// <summary>A <see cref="TcpSocket"/>'s operations on the portable backend, on .NET's socket threads.</summary>
internal sealed class CompletionStreamIo : CompletionSocketIo, IStreamIo
{
    private readonly TcpSocket _owner;
    private bool _connecting; // the connect runs as the send operation: no send starts before it completes

    public CompletionStreamIo(TcpSocket owner, Socket socket)
        : base(owner.Loop, socket)
    {
        _owner = owner;
    }

    public void Connect(EndPoint remote)
    {
        _connecting = true;
        SocketOperation connect = BeginSend();
        connect.RemoteEndPoint = remote;
        connect.Started(Socket.ConnectAsync(connect));
    }

    public void Receive(Memory<byte> buffer)
    {
        SocketOperation receive = BeginReceive();
        if (!buffer.Equals(receive.MemoryBuffer))
        {
            receive.SetBuffer(buffer);
        }

        receive.Started(Socket.ReceiveAsync(receive));
    }

    public void Send(ReadOnlyMemory<byte> data)
    {
        SocketOperation send = BeginSend();
        send.SetBuffer(MemoryMarshal.AsMemory(data)); // only read from: SocketAsyncEventArgs has no read-only buffer
        send.Started(Socket.SendAsync(send));
    }

    /// <summary>
    /// Shuts the connection down, then ends the operations. .NET closes a socket that has an operation in flight
    /// abortively, which the peer sees as a reset; shut down first, it sees an end, as libuv's close sends one.
    /// </summary>
    void IStreamIo.Close()
    {
        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Not connected, or already reset: there is nothing to end.
        }

        Close();
    }

    protected override void OnReceived(int count, SocketError error, EndPoint? from) => _owner.OnReceived(count, error);

    protected override void OnSent(int count, SocketError error)
    {
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
