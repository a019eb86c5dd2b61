using System.Net;
using Loopwire.Net;

namespace Loopwire;

/// <summary>
/// One question in flight on a <see cref="DnsResolver"/>: its id, its tries over the servers (server
/// <c>try % servers</c>, round <c>try / servers</c>), the timer of the current try, and the TCP exchange that follows
/// a truncated answer. The same message, id included, is sent on every try, as c-ares does.
/// </summary>
internal sealed class DnsQuery
{
    private readonly Action<NetException?, DnsResponse?> _done;

    public DnsQuery(string syscall, string hostname, DnsQuestion question, IPEndPoint[] servers, Action<NetException?, DnsResponse?> done)
    {
        Syscall = syscall;
        Hostname = hostname;
        Question = question;
        Servers = servers;
        _done = done;
    }

    /// <summary>Node's name for the operation, for errors: <c>queryA</c>, <c>getHostByAddr</c>, ….</summary>
    public string Syscall { get; }

    /// <summary>The name (or address, for a reverse lookup) the caller asked about, for errors.</summary>
    public string Hostname { get; }

    public DnsQuestion Question { get; }

    /// <summary>The resolver's servers when the query started: a later <see cref="DnsResolver.SetServers"/> does not change them.</summary>
    public IPEndPoint[] Servers { get; }

    public ushort Id { get; set; }

    public byte[] Message { get; set; } = [];

    /// <summary>The current try, from 0.</summary>
    public int Try { get; set; }

    public Timer? Timer { get; set; }

    /// <summary>The connection asking again over TCP after a truncated answer, and what it has read.</summary>
    public TcpSocket? Tcp { get; set; }

    public MemoryStream? TcpAnswer { get; set; }

    /// <summary>The server of the current try.</summary>
    public IPEndPoint Server => Servers[Try % Servers.Length];

    /// <summary>Whether <paramref name="remote"/> is a server this query was sent to: a late answer to an earlier try is as good as any.</summary>
    public bool WasSentTo(IPEndPoint remote)
    {
        for (int i = 0; i <= Try && i < Servers.Length; i++)
        {
            if (Servers[i].Equals(remote))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The outcome, kept from the time the query ends until <see cref="Complete"/> hands it over.</summary>
    public (NetException? Error, DnsResponse? Response) Outcome { get; set; }

    /// <summary>Hands the outcome to the caller: called from an immediate, as Node queues every answer's callback.</summary>
    public void Complete() => _done(Outcome.Error, Outcome.Response);
}
