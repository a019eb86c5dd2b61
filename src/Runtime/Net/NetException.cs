using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>
/// A failed socket operation, worded as Node words it (<c>connect ECONNREFUSED 127.0.0.1:8080</c>,
/// <c>listen EADDRINUSE: address already in use 127.0.0.1:80</c>, <c>read ECONNRESET</c>), and carrying the fields
/// of Node's system errors: <see cref="Code"/>, <see cref="Syscall"/>, <see cref="Address"/>, <see cref="Port"/>.
/// </summary>
public sealed class NetException : IOException
{
    internal NetException(string message, string code, string syscall, SocketError socketError, string? address, int? port)
        : base(message)
    {
        Code = code;
        Syscall = syscall;
        SocketErrorCode = socketError;
        Address = address;
        Port = port;
    }

    /// <summary>The POSIX error name, as Node's <c>error.code</c>: <c>ECONNREFUSED</c>, <c>EADDRINUSE</c>, <c>ECONNRESET</c>, <c>EPIPE</c>, ... (<c>UNKNOWN</c> for errors libuv has no name for); for a DNS query, c-ares' as Node names it: <c>ENOTFOUND</c>, <c>ENODATA</c>, <c>ETIMEOUT</c>, <c>ESERVFAIL</c>, <c>EBADRESP</c>, ….</summary>
    public string Code { get; }

    /// <summary>The operation that failed, as Node's <c>error.syscall</c>: <c>connect</c>, <c>listen</c>, <c>accept</c>, <c>read</c>, <c>write</c>, <c>shutdown</c>, <c>getaddrinfo</c>, for a <see cref="UdpSocket"/> <c>bind</c>, <c>send</c> or <c>recvmsg</c>, or for a DNS query <c>queryA</c>, <c>queryAaaa</c>, <c>queryMx</c>, …, <c>getHostByAddr</c>.</summary>
    public string Syscall { get; }

    /// <summary>The .NET error the operation reported; for a DNS query, the nearest one to its code (<c>ENOTFOUND</c> is <see cref="SocketError.HostNotFound"/>, <c>ETIMEOUT</c> <see cref="SocketError.TimedOut"/>, …).</summary>
    public SocketError SocketErrorCode { get; }

    /// <summary>The address connected to, listened on, bound to or sent to, for <c>connect</c>, <c>listen</c>, <c>bind</c> and <c>send</c> errors, or the host name looked up, for <c>getaddrinfo</c> and DNS queries (Node's <c>hostname</c>; the address, for <c>getHostByAddr</c>); otherwise null.</summary>
    public string? Address { get; }

    /// <summary>The port connected to, listened on, bound to or sent to, for <c>connect</c>, <c>listen</c>, <c>bind</c> and <c>send</c> errors; otherwise null.</summary>
    public int? Port { get; }
}
