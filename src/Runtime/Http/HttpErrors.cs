using System.Net.Sockets;
using Loopwire.Net;

namespace Loopwire.Http;

/// <summary>The errors Node's http module makes itself, with its words and codes.</summary>
internal static class HttpErrors
{
    /// <summary>Node's <c>aborted</c>, a <c>connResetException</c>: the connection closed before the whole message arrived.</summary>
    public static NetException Aborted() =>
        new("aborted", "ECONNRESET", syscall: string.Empty, SocketError.ConnectionReset, address: null, port: null);

    /// <summary>Node's <c>socket hang up</c>, a <c>connResetException</c>: the connection ended or closed before a response came.</summary>
    public static NetException SocketHangUp() =>
        new("socket hang up", "ECONNRESET", syscall: string.Empty, SocketError.ConnectionReset, address: null, port: null);
}
