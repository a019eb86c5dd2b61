using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>
/// Checks the port and host given to <see cref="TcpServer.Listen(int, string, int)"/>, <see cref="TcpSocket.Connect(EventLoop, int, string)"/>,
/// <see cref="UdpSocket.Bind"/> and <see cref="UdpSocket.Send(ReadOnlyMemory{byte}, int, string?)"/>, with Node's ranges.
/// </summary>
internal static class NetArguments
{
    private const int MaxPathBytes = 107;

    /// <summary>
    /// A Unix domain socket's endpoint: a path of at most 107 bytes in UTF-8 (the kernel's <c>sun_path</c> holds 108,
    /// with its terminating null), without null characters.
    /// </summary>
    public static UnixDomainSocketEndPoint ForPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("path must not contain a null character.", nameof(path));
        }

        int length = System.Text.Encoding.UTF8.GetByteCount(path);
        if (length > MaxPathBytes)
        {
            throw new ArgumentException(
                $"path is {length} bytes in UTF-8; a Unix socket's path holds at most {MaxPathBytes}: use a shorter one, or a relative path.", nameof(path));
        }

        return new UnixDomainSocketEndPoint(path);
    }

    /// <summary>An endpoint to listen on: port 0 (any free port) to 65535.</summary>
    public static IPEndPoint ForListen(int port, string host)
    {
        if (port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "port should be >= 0 and < 65536; 0 listens on any free port (Node's ERR_SOCKET_BAD_PORT).");
        }

        return new IPEndPoint(Address(host), port);
    }

    /// <summary>
    /// Checks a connect's <paramref name="port"/> (1 to 65535) and <paramref name="host"/>: true with the endpoint for an
    /// address literal, false for a name, which the caller looks up first.
    /// </summary>
    public static bool TryForConnect(int port, string host, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new ArgumentException("host is empty: give an address literal ('127.0.0.1', '::1') or a name to look up ('localhost').", nameof(host));
        }

        VerifyConnectPort(port);
        endPoint = IPAddress.TryParse(host, out IPAddress? address) ? new IPEndPoint(address, port) : null;
        return endPoint is not null;
    }

    /// <summary>An endpoint to connect to: port 1 to 65535, as Node refuses port 0 for a connection.</summary>
    public static IPEndPoint ForConnect(int port, string host)
    {
        VerifyConnectPort(port);
        return new IPEndPoint(Address(host), port);
    }

    /// <summary>
    /// An endpoint for a <see cref="UdpSocket"/> of <paramref name="family"/> to bind to (port 0 to 65535) or send to
    /// (1 to 65535): a null <paramref name="host"/> is the family's loopback address, and an address of the other
    /// family is refused, since a udp4 socket cannot reach an IPv6 address nor a udp6 socket (IPv6 only) an IPv4 one.
    /// </summary>
    public static IPEndPoint ForDatagram(int port, string? host, AddressFamily family, bool send)
    {
        string literal = host ?? (family == AddressFamily.InterNetwork ? "127.0.0.1" : "::1");
        IPEndPoint endPoint = send ? ForConnect(port, literal) : ForListen(port, literal);
        if (endPoint.AddressFamily != family)
        {
            (string given, string socket, string other) = family == AddressFamily.InterNetwork
                ? ("IPv6", "udp4 (AddressFamily.InterNetwork)", "AddressFamily.InterNetworkV6")
                : ("IPv4", "udp6 (AddressFamily.InterNetworkV6)", "AddressFamily.InterNetwork");
            throw new ArgumentException(
                $"host '{literal}' is an {given} address, but this UdpSocket is {socket}; create the socket with {other} to use it.",
                nameof(host));
        }

        return endPoint;
    }

    /// <summary>Port 0 on every interface of <paramref name="family"/> (<c>0.0.0.0</c> or <c>::</c>): where an unbound UDP socket binds, and the shape a receive fills in with the sender's address.</summary>
    public static IPEndPoint AnyEndPoint(AddressFamily family) =>
        new(family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);

    private static void VerifyConnectPort(int port)
    {
        if (port is <= 0 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "port should be > 0 and < 65536 (Node's ERR_SOCKET_BAD_PORT).");
        }
    }

    private static IPAddress Address(string host)
    {
        ArgumentNullException.ThrowIfNull(host);

        // Node looks a name up with getaddrinfo on the pool first; here that lookup is the caller's (loop.Dns), so only literals.
        if (!IPAddress.TryParse(host, out IPAddress? address))
        {
            throw new ArgumentException(
                $"host '{host}' is not an IP address. Only IPv4 and IPv6 literals are supported ('127.0.0.1', '::1'); resolve a name first with loop.Dns.LookupAsync(name).",
                nameof(host));
        }

        return address;
    }
}
