using System.Net;
using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>
/// How a <see cref="UdpSocket"/>'s receives and sends reach the kernel, for the loop's poll backend. At most one
/// receive and one send are outstanding at a time. Each completes exactly once, from the loop (never inside the call
/// that started it), by calling <see cref="UdpSocket.OnReceived"/> or <see cref="UdpSocket.OnSent"/>; after
/// <see cref="Close"/> with <see cref="SocketError.OperationAborted"/> unless it had finished.
/// </summary>
internal interface IDatagramIo
{
    /// <summary>The operations of <paramref name="socket"/> for <paramref name="owner"/>, on its loop's backend.</summary>
    static IDatagramIo Create(UdpSocket owner, Socket socket) =>
        owner.Loop.Epoll is { } epoll ? new EpollDatagramIo(epoll, owner, socket) : new CompletionDatagramIo(owner, socket);

    /// <summary>Receives one datagram into <paramref name="buffer"/>, which the kernel may write until the receive completes.</summary>
    void Receive(Memory<byte> buffer);

    /// <summary>Sends <paramref name="datagram"/> to <paramref name="to"/>; the bytes must stay unchanged until the send completes.</summary>
    void Send(ReadOnlyMemory<byte> datagram, IPEndPoint to);

    /// <summary>Ends the operations; call it before disposing the socket.</summary>
    void Close();
}
