using System.Net.Sockets;
using Loopwire.Net;

namespace Loopwire.Http;

/// <summary>The errors Node's http module makes itself, with its words and codes.</summary>
internal static class HttpErrors
{
    /// <summary>Node's <c>aborted</c>: the connection closed before the whole message arrived.</summary>
    public static NetException Aborted() => ConnectionReset("aborted");

    /// <summary>Node's <c>socket hang up</c>: the connection closed before a response arrived.</summary>
    public static NetException HangUp() => ConnectionReset("socket hang up");

    // Node's connResetException: ECONNRESET with no system call behind it.
    private static NetException ConnectionReset(string message) =>
        new(message, "ECONNRESET", syscall: string.Empty, SocketError.ConnectionReset, address: null, port: null);
}
