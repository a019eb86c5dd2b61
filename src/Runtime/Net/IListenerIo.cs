using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>
/// How a <see cref="TcpServer"/>'s accepts reach the kernel, for the loop's poll backend. One accept is outstanding at
/// a time; it completes exactly once, from the loop, by calling <see cref="TcpServer.OnAccepted"/>; after
/// <see cref="Close"/> with <see cref="SocketError.OperationAborted"/> unless it had finished.
/// </summary>
internal interface IListenerIo
{
    /// <summary>The accepts of <paramref name="listener"/> for <paramref name="owner"/>, on its loop's backend.</summary>
    static IListenerIo Create(TcpServer owner, Socket listener) =>
        owner.Loop.Epoll is { } epoll ? new EpollListenerIo(epoll, owner, listener) : new CompletionListenerIo(owner, listener);

    void Accept();

    /// <summary>Ends the accepts; call it before disposing the listener.</summary>
    void Close();
}
