using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Loopwire;

/// <summary>The servers asked: the system's by default, or a list set by the caller, as Node's <c>resolver.setServers</c>.</summary>
public sealed partial class DnsResolver
{
    private const int DnsPort = 53;
    private IPEndPoint[]? _servers; // null until first needed: then the system's

    /// <summary>
    /// The servers queries go to, in the order they are tried, as Node's <c>resolver.getServers()</c>:
    /// <c>1.2.3.4</c>, <c>1.2.3.4:5353</c>, <c>::1</c> or <c>[::1]:5353</c> (the port only when it is not 53).
    /// Until <see cref="SetServers"/> is called they are the system's: the <c>nameserver</c> lines of
    /// <c>/etc/resolv.conf</c>, or where there is none the network interfaces' DNS servers, or else <c>127.0.0.1</c>,
    /// as c-ares falls back to.
    /// </summary>
    /// <returns>The servers, as text.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public string[] GetServers()
    {
        _loop.VerifyLoopThread();
        return Array.ConvertAll(Servers, Format);
    }

    /// <summary>
    /// Sets the servers queries go to, tried in this order, as Node's <c>resolver.setServers(servers)</c>. Queries in
    /// flight keep the servers they started with. An empty list leaves no server: queries then fail with Node's
    /// <c>UNKNOWN_ARES_ERROR</c>.
    /// </summary>
    /// <param name="servers">IP address literals, each with an optional port: <c>8.8.8.8</c>, <c>1.2.3.4:5353</c>, <c>::1</c>, <c>[::1]:5353</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="servers"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">A server is not an IP address literal, or its port is not 1 to 65535.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void SetServers(params string[] servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        _loop.VerifyLoopThread();
        _servers = Array.ConvertAll(servers, Parse);
    }

    private IPEndPoint[] Servers => _servers ??= SystemServers();

    private static IPEndPoint Parse(string server)
    {
        ArgumentNullException.ThrowIfNull(server, "servers");
        (string address, string? port, AddressFamily family) = server switch
        {
            ['[', .. string rest] when rest.Split(']') is [string v6, string after] =>
                (v6, after.Length == 0 ? null : after.StartsWith(':') ? after[1..] : "", AddressFamily.InterNetworkV6),
            _ when IPAddress.TryParse(server, out _) => (server, null, AddressFamily.Unspecified),
            _ when server.Split(':') is [string v4, string after] => (v4, after, AddressFamily.InterNetwork),
            _ => ("", null, AddressFamily.Unspecified),
        };

        if (!IPAddress.TryParse(address, out IPAddress? ip) || (family != AddressFamily.Unspecified && ip.AddressFamily != family))
        {
            throw new ArgumentException($"Invalid IP address: {server} (Node's ERR_INVALID_IP_ADDRESS).", "servers");
        }

        if (port is null)
        {
            return new IPEndPoint(ip, DnsPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number is > 0 and <= IPEndPoint.MaxPort
            ? new IPEndPoint(ip, number)
            : throw new ArgumentException($"Invalid port in {server}: a server's port should be 1 to 65535.", "servers");
    }

    private static string Format(IPEndPoint server) => (server.AddressFamily, server.Port) switch
    {
        (_, DnsPort) => server.Address.ToString(),
        (AddressFamily.InterNetworkV6, _) => $"[{server.Address}]:{server.Port}",
        _ => $"{server.Address}:{server.Port}",
    };

    /// <summary>The system's servers, read once, when a resolver first needs them (c-ares reads them when its channel is made).</summary>
    private static IPEndPoint[] SystemServers()
    {
        const string ResolvConf = "/etc/resolv.conf";
        var servers = new List<IPEndPoint>();
        if (File.Exists(ResolvConf))
        {
            foreach (string line in File.ReadLines(ResolvConf))
            {
                string[] words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (words is ["nameserver", string address, ..] && IPAddress.TryParse(address, out IPAddress? ip))
                {
                    servers.Add(new IPEndPoint(ip, DnsPort));
                }
            }
        }
        else
        {
            servers.AddRange(NetworkInterface.GetAllNetworkInterfaces()
                .Where(adapter => adapter.OperationalStatus == OperationalStatus.Up)
                .SelectMany(adapter => adapter.GetIPProperties().DnsAddresses)
                .Distinct()
                .Select(ip => new IPEndPoint(ip, DnsPort)));
        }

        return servers.Count > 0 ? [.. servers] : [new IPEndPoint(IPAddress.Loopback, DnsPort)];
    }
}
