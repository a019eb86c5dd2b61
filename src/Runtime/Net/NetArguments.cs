using System.Net;

namespace Loopwire.Net;

/// <summary>Checks the port and host given to <see cref="TcpServer.Listen"/> and <see cref="TcpSocket.Connect"/>, with Node's ranges.</summary>
internal static class NetArguments
{
    /// <summary>An endpoint to listen on: port 0 (any free port) to 65535.</summary>
    public static IPEndPoint ForListen(int port, string host)
    {
        if (port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "port should be >= 0 and < 65536; 0 listens on any free port (Node's ERR_SOCKET_BAD_PORT).");
        }

        return new IPEndPoint(Address(host), port);
    }

    /// <summary>An endpoint to connect to: port 1 to 65535, as Node refuses port 0 for a connection.</summary>
    public static IPEndPoint ForConnect(int port, string host)
    {
        if (port is <= 0 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "port should be > 0 and < 65536 (Node's ERR_SOCKET_BAD_PORT).");
        }

        return new IPEndPoint(Address(host), port);
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
