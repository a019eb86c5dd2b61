using System.Net;
using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>Turns a <see cref="SocketError"/> into the <see cref="NetException"/> Node would report for the same operation.</summary>
internal static class NetErrors
{
    /// <summary>
    /// <c>listen EADDRINUSE: address already in use 127.0.0.1:80</c> (or <c>… /tmp/app.sock</c>): Node words bind and
    /// listen errors with libuv's message (uvExceptionWithHostPort).
    /// </summary>
    public static NetException Listen(SocketError error, EndPoint endPoint)
    {
        (string code, string message) = Describe(error, endPoint);
        (string where, string address, int? port) = Where(endPoint);
        return new NetException($"listen {code}: {message} {where}", code, "listen", error, address, port);
    }

    /// <summary><c>connect ECONNREFUSED 127.0.0.1:8080</c>, <c>connect ENOENT /tmp/app.sock</c>: Node words connect errors without the message (exceptionWithHostPort).</summary>
    public static NetException Connect(SocketError error, EndPoint endPoint) =>
        WithHostPort("connect", Describe(error, endPoint).Code, error, endPoint);

    /// <summary>
    /// <c>bind EADDRINUSE 127.0.0.1:41234</c>, <c>send EMSGSIZE 127.0.0.1:41234</c>: the operation, the code and the
    /// endpoint, without the message, as Node's exceptionWithHostPort words connect errors and every dgram bind and
    /// send error.
    /// </summary>
    public static NetException WithHostPort(string syscall, SocketError error, EndPoint endPoint) =>
        WithHostPort(syscall, Describe(error).Code, error, endPoint);

    private static NetException WithHostPort(string syscall, string code, SocketError error, EndPoint endPoint)
    {
        (string where, string address, int? port) = Where(endPoint);
        return new NetException($"{syscall} {code} {where}", code, syscall, error, address, port);
    }

    /// <summary><c>read ECONNRESET</c>, <c>write EPIPE</c>, <c>accept EMFILE</c>, <c>recvmsg ENOMEM</c>: Node's errnoException wording, the operation then the code.</summary>
    public static NetException Failed(string syscall, SocketError error)
    {
        string code = Describe(error).Code;
        return new NetException($"{syscall} {code}", code, syscall, error, address: null, port: null);
    }

    /// <summary>How Node names an endpoint in a message (<c>127.0.0.1:80</c>, or a Unix socket's path), and its address and port fields.</summary>
    private static (string Where, string Address, int? Port) Where(EndPoint endPoint) => endPoint switch
    {
        IPEndPoint ip => ($"{ip.Address}:{ip.Port}", ip.Address.ToString(), ip.Port),
        _ => (endPoint.ToString()!, endPoint.ToString()!, null), // a UnixDomainSocketEndPoint's text is its path
    };

    /// <summary>
    /// As <see cref="Describe(SocketError)"/>, but .NET reports a Unix socket's ENOENT (and a connect's ECONNREFUSED)
    /// as EADDRNOTAVAIL: on this failure path only, the path tells them apart, as libuv's errno would.
    /// </summary>
    private static (string Code, string Message) Describe(SocketError error, EndPoint endPoint) =>
        endPoint is UnixDomainSocketEndPoint && error == SocketError.AddressNotAvailable
            ? File.Exists(endPoint.ToString()) ? ("ECONNREFUSED", "connection refused") : ("ENOENT", "no such file or directory")
            : Describe(error);

    /// <summary>libuv's name and message for the errno behind <paramref name="error"/> (uv_err_name, uv_strerror).</summary>
    private static (string Code, string Message) Describe(SocketError error) => error switch
    {
        SocketError.AddressAlreadyInUse => ("EADDRINUSE", "address already in use"),
        SocketError.AddressNotAvailable => ("EADDRNOTAVAIL", "address not available"),
        SocketError.AddressFamilyNotSupported => ("EAFNOSUPPORT", "address family not supported"),
        SocketError.AccessDenied => ("EACCES", "permission denied"),
        SocketError.ConnectionRefused => ("ECONNREFUSED", "connection refused"),
        SocketError.ConnectionReset => ("ECONNRESET", "connection reset by peer"),
        SocketError.ConnectionAborted => ("ECONNABORTED", "software caused connection abort"),
        SocketError.Shutdown => ("EPIPE", "broken pipe"), // .NET reports EPIPE as Shutdown
        SocketError.NotConnected => ("ENOTCONN", "socket is not connected"),
        SocketError.TimedOut => ("ETIMEDOUT", "connection timed out"),
        SocketError.HostUnreachable => ("EHOSTUNREACH", "host is unreachable"),
        SocketError.NetworkUnreachable => ("ENETUNREACH", "network is unreachable"),
        SocketError.NetworkDown => ("ENETDOWN", "network is down"),
        SocketError.TooManyOpenSockets => ("EMFILE", "too many open files"),
        SocketError.NoBufferSpaceAvailable => ("ENOBUFS", "no buffer space available"),
        SocketError.OperationAborted => ("ECANCELED", "operation canceled"),
        SocketError.MessageSize => ("EMSGSIZE", "message too long"),
        SocketError.InvalidArgument => ("EINVAL", "invalid argument"),
        _ => ("UNKNOWN", "unknown error"),
    };
}
