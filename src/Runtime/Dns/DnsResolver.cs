using System.Net;
using System.Net.Sockets;
using Loopwire.Net;

namespace Loopwire;

/// <summary>
/// Name lookups on the work pool, completing on the loop: Node's <c>dns.lookup</c>, which also runs the system
/// resolver (<c>getaddrinfo</c>, here <see cref="System.Net.Dns.GetHostAddresses(string, AddressFamily)"/>) on the
/// pool because it blocks. Addresses come in the order the system gives them, as Node's default
/// (<c>verbatim</c>) order. And DNS queries sent and answered on the loop, as Node's <c>dns.resolve*</c> (c-ares):
/// see <see cref="Resolve4Async"/> and its neighbours. The loop's own is
/// <see cref="EventLoop.Dns"/>; a resolver made with <c>new</c> has its own servers and options, as Node's
/// <c>new dns.Resolver()</c>.
/// </summary>
public sealed partial class DnsResolver
{
    private readonly EventLoop _loop;
    private readonly int _timeout;
    private readonly int _tries;

    /// <summary>
    /// Creates a resolver with its own servers (the system's until <see cref="SetServers"/>) and tries, as Node's
    /// <c>new dns.Resolver(options)</c>. It holds nothing open until it sends a query.
    /// </summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <param name="options">The timeout and tries; null for Node's defaults (2000 ms, 4 tries).</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public DnsResolver(EventLoop loop, DnsResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loop);
        loop.VerifyLoopThread();
        _loop = loop;
        _timeout = options is { Timeout: > 0 } ? options.Timeout : DnsResolverOptions.DefaultTimeout;
        _tries = options?.Tries ?? 4;
    }

    /// <summary>Resolves <paramref name="hostname"/> to its first address, as Node's <c>dns.lookup(hostname, callback)</c>.</summary>
    /// <param name="hostname">A host name, or an IP address literal (returned as is).</param>
    /// <param name="callback">Runs on the loop with the error (a <see cref="NetException"/>: <c>getaddrinfo ENOTFOUND host</c>, ...) and null, or null and the address.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="hostname"/> is empty.</exception>
    public void Lookup(string hostname, [RunsOnLoop] Action<Exception?, IPAddress?> callback)
    {
        ThrowIfInvalid(hostname);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(static hostname => Resolve(hostname, AddressFamily.Unspecified)[0], hostname, callback);
    }

    /// <summary>Resolves <paramref name="hostname"/> to every address, as Node's <c>dns.lookup(hostname, { all: true }, callback)</c>.</summary>
    /// <param name="hostname">A host name, or an IP address literal.</param>
    /// <param name="callback">Runs on the loop with the error and null, or null and the addresses (at least one).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="hostname"/> is empty.</exception>
    public void LookupAll(string hostname, [RunsOnLoop] Action<Exception?, IPAddress[]?> callback)
    {
        ThrowIfInvalid(hostname);
        ArgumentNullException.ThrowIfNull(callback);
        _loop.QueueWork(static hostname => Resolve(hostname, AddressFamily.Unspecified), hostname, callback);
    }

    /// <summary>Resolves <paramref name="hostname"/> to its first address of <paramref name="family"/>; the task completes on the loop thread.</summary>
    /// <param name="hostname">A host name, or an IP address literal.</param>
    /// <param name="family"><see cref="AddressFamily.InterNetwork"/>, <see cref="AddressFamily.InterNetworkV6"/>, or either (Node's <c>family: 4 | 6 | 0</c>).</param>
    /// <param name="cancellationToken">Cancels the lookup while it waits for a pool thread.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="hostname"/> is empty, or <paramref name="family"/> is not one of the three.</exception>
    public ValueTask<IPAddress> LookupAsync(string hostname, AddressFamily family = AddressFamily.Unspecified, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(hostname, family);
        return new(_loop.QueueWorkAsync(static query => Resolve(query.hostname, query.family)[0], (hostname, family), cancellationToken));
    }

    /// <summary>Resolves <paramref name="hostname"/> to every address of <paramref name="family"/>; the task completes on the loop thread.</summary>
    /// <param name="hostname">A host name, or an IP address literal.</param>
    /// <param name="family"><see cref="AddressFamily.InterNetwork"/>, <see cref="AddressFamily.InterNetworkV6"/>, or either.</param>
    /// <param name="cancellationToken">Cancels the lookup while it waits for a pool thread.</param>
    /// <returns>The addresses, at least one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="hostname"/> is empty, or <paramref name="family"/> is not one of the three.</exception>
    public ValueTask<IPAddress[]> LookupAllAsync(string hostname, AddressFamily family = AddressFamily.Unspecified, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(hostname, family);
        return new(_loop.QueueWorkAsync(static query => Resolve(query.hostname, query.family), (hostname, family), cancellationToken));
    }

    /// <summary>Node's error for a failed <c>getaddrinfo</c>: <c>getaddrinfo ENOTFOUND example.invalid</c>, with the host name as its address.</summary>
    internal static NetException LookupError(SocketError error, string hostname)
    {
        string code = error switch
        {
            SocketError.HostNotFound or SocketError.NoData => "ENOTFOUND",
            SocketError.TryAgain => "EAI_AGAIN",
            SocketError.AddressFamilyNotSupported => "EAI_FAMILY",
            _ => "EAI_FAIL",
        };
        return new NetException($"getaddrinfo {code} {hostname}", code, "getaddrinfo", error, hostname, port: null);
    }

    private static IPAddress[] Resolve(string hostname, AddressFamily family)
    {
        IPAddress[] addresses;
        try
        {
            addresses = System.Net.Dns.GetHostAddresses(hostname, family);
        }
        catch (SocketException error)
        {
            throw LookupError(error.SocketErrorCode, hostname);
        }

        // The system can answer with no address of the family asked for; Node reports that as not found.
        return addresses.Length > 0 ? addresses : throw LookupError(SocketError.HostNotFound, hostname);
    }

    private static void ThrowIfInvalid(string hostname, AddressFamily family = AddressFamily.Unspecified)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostname);
        if (family is not (AddressFamily.Unspecified or AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException(
                $"{family} is not an address family a lookup can ask for; use InterNetwork (IPv4), InterNetworkV6 (IPv6) or Unspecified (either).", nameof(family));
        }
    }
}
