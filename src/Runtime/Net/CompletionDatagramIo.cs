using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Loopwire.Net;

/// <summary>A <see cref="UdpSocket"/>'s operations on the portable backend, on .NET's socket threads.</summary>
internal sealed class CompletionDatagramIo : CompletionSocketIo, IDatagramIo
{
    private readonly UdpSocket _owner;
    private readonly IPEndPoint _anyEndPoint; // tells .NET which family of address to receive the sender's into

    public CompletionDatagramIo(UdpSocket owner, Socket socket)
        : base(owner.Loop, socket)
    {
        _owner = owner;
        _anyEndPoint = NetArguments.AnyEndPoint(socket.AddressFamily);
    }

    public void Receive(Memory<byte> buffer)
    {
        SocketOperation receive = BeginReceive();
        if (!buffer.Equals(receive.MemoryBuffer))
        {
            receive.SetBuffer(buffer);
        }

        // Reset each time: .NET keeps the endpoint object when the next sender's address equals it, and the one
        // handed to 'message' listeners is theirs to keep.
        receive.RemoteEndPoint = _anyEndPoint;
        receive.Started(Socket.ReceiveFromAsync(receive));
    }

    public void Send(ReadOnlyMemory<byte> datagram, IPEndPoint to)
    {
        SocketOperation send = BeginSend();
        send.SetBuffer(MemoryMarshal.AsMemory(datagram)); // only read from: SocketAsyncEventArgs has no read-only buffer
        send.RemoteEndPoint = to;
        send.Started(Socket.SendToAsync(send));
    }

    protected override void OnReceived(int count, SocketError error, EndPoint? from) =>
        _owner.OnReceived(count, (IPEndPoint?)from, error);

    protected override void OnSent(int count, SocketError error) => _owner.OnSent(error);
}
