using System.Net;
using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>
/// How a <see cref="TcpSocket"/>'s connect, receives and sends reach the kernel, for the loop's poll backend. At most
/// one receive and one send (or the connect) are outstanding at a time. Each completes exactly once, from the loop
/// (never inside the call that started it), by calling <see cref="TcpSocket.OnConnected"/>,
/// <see cref="TcpSocket.OnReceived"/> or <see cref="TcpSocket.OnSent"/>; after <see cref="Close"/> with
/// <see cref="SocketError.OperationAborted"/> unless it had finished, so that the socket knows when its buffers are
/// free again.
/// </summary>
internal interface IStreamIo
{
    /// <summary>The operations of <paramref name="socket"/> for <paramref name="owner"/>, on its loop's backend.</summary>
    static IStreamIo Create(TcpSocket owner, Socket socket) =>
        owner.Loop.Epoll is { } epoll ? new EpollStreamIo(epoll, owner, socket) : new CompletionStreamIo(owner, socket);

    void Connect(EndPoint remote);

    /// <summary>Receives into <paramref name="buffer"/>, which the kernel may write until the receive completes.</summary>
    void Receive(Memory<byte> buffer);

    /// <summary>Sends what the kernel takes of <paramref name="data"/>, which must stay unchanged until the send completes.</summary>
    void Send(ReadOnlyMemory<byte> data);

    /// <summary>Ends the operations; call it before disposing the socket.</summary>
    void Close();
}
