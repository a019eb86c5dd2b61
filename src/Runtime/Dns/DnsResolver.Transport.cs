using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Loopwire.Net;

namespace Loopwire;

/// <summary>
/// The queries' transport, c-ares' on the loop: datagrams sent and received by the resolver's own
/// <see cref="UdpSocket"/>s (one per address family, opened for the first query and closed when none is left, as
/// c-ares closes idle connections), answers matched by id, source and question, tries timed by the loop's timers, and
/// a truncated answer asked again over a <see cref="TcpSocket"/>.
/// </summary>
public sealed partial class DnsResolver
{
    private readonly Dictionary<ushort, DnsQuery> _queries = [];
    private UdpSocket? _udp4;
    private UdpSocket? _udp6;

    /// <summary>
    /// Ends every query in flight on this resolver with <c>ECANCELLED</c> (<c>queryA ECANCELLED example.com</c>), as
    /// Node's <c>resolver.cancel()</c>; their callbacks run from the loop, not inside this call. Queries started later are
    /// not affected.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Cancel()
    {
        _loop.VerifyLoopThread();
        foreach (DnsQuery query in _queries.Values.ToArray())
        {
            Finish(query, DnsErrors.Create(query.Syscall, DnsErrors.Cancelled, query.Hostname), response: null);
        }
    }

    /// <summary>Starts <paramref name="query"/>: it keeps the loop alive, as a request, until its outcome is handed over.</summary>
    private void Start(DnsQuery query)
    {
        if (query.Servers.Length == 0)
        {
            query.Outcome = (DnsErrors.Create(query.Syscall, DnsErrors.NoServers, query.Hostname), null);
            _loop.SetImmediate(static query => query.Complete(), query);
            return;
        }

        // An id not in use from a cryptographic generator, as c-ares' are: a spoofed answer has to guess it.
        ushort id;
        do
        {
            id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        }
        while (_queries.ContainsKey(id));

        query.Id = id;
        query.Message = query.Question.ToMessage(id);
        _queries.Add(id, query);
        _loop.ActiveRequests++;
        Send(query);
    }

    /// <summary>Sends the current try to its server and times it: c-ares' timeout, doubled for each round over the servers.</summary>
    private void Send(DnsQuery query)
    {
        IPEndPoint server = query.Server;
        int round = query.Try / query.Servers.Length;
        long timeout = Math.Min((long)_timeout << Math.Min(round, 31), int.MaxValue);
        query.Timer = _loop.SetTimeout(static state => state.Resolver.FailTry(state.Query, DnsErrors.Timeout), (Resolver: this, Query: query), timeout);
        query.Timer.Unref(); // the query itself keeps the loop alive
        SocketFor(server.AddressFamily).Send(query.Message, server.Port, server.Address.ToString());
    }

    private UdpSocket SocketFor(AddressFamily family)
    {
        ref UdpSocket? socket = ref family == AddressFamily.InterNetwork ? ref _udp4 : ref _udp6;
        if (socket is null)
        {
            socket = new UdpSocket(_loop, family);
            socket.Unref();
            socket.On.Message(OnDatagram).On.Error(OnSocketError);
        }

        return socket;
    }

    /// <summary>The current try failed with <paramref name="code"/>: the next one goes out at once, or the query ends with that code.</summary>
    private void FailTry(DnsQuery query, string code)
    {
        _loop.ClearTimeout(query.Timer);
        EndTcp(query);
        if (++query.Try < query.Servers.Length * _tries)
        {
            Send(query);
        }
        else
        {
            Finish(query, DnsErrors.Create(query.Syscall, code, query.Hostname), response: null);
        }
    }

    private void OnDatagram(ReadOnlyMemory<byte> message, IPEndPoint remote)
    {
        // Anything not from a server asked, or with an id not in flight, is someone else's: ignored, as by c-ares.
        if (message.Length < 2
            || !_queries.TryGetValue(BinaryPrimitives.ReadUInt16BigEndian(message.Span), out DnsQuery? query)
            || !query.WasSentTo(remote))
        {
            return;
        }

        OnAnswer(query, message.Span, overTcp: false);
    }

    /// <summary>An answer with the query's id, from its server: parsed on the loop thread, then the query ends or tries again.</summary>
    private void OnAnswer(DnsQuery query, ReadOnlySpan<byte> message, bool overTcp)
    {
        DnsResponse response;
        try
        {
            response = DnsResponse.Parse(message);
        }
        catch (DnsFormatException)
        {
            FailTry(query, DnsErrors.BadResponse);
            return;
        }

        if (!response.IsResponse || response.QuestionCount != 1
            || !query.Question.Matches(response.QuestionName, response.QuestionType, response.QuestionClass))
        {
            // Over UDP, an answer to another question is ignored (a spoofing attempt, or a stale id); over TCP it is the only answer.
            if (overTcp)
            {
                FailTry(query, DnsErrors.BadResponse);
            }

            return;
        }

        if (response.IsTruncated && !overTcp)
        {
            // A second truncated datagram (a late answer to an earlier try) leaves the TCP exchange under way alone.
            if (query.Tcp is null)
            {
                AskOverTcp(query);
            }
        }
        else if (response.ResponseCode != 0)
        {
            Finish(query, DnsErrors.Create(query.Syscall, DnsErrors.ForResponseCode(response.ResponseCode), query.Hostname), response: null);
        }
        else
        {
            Finish(query, error: null, response);
        }
    }

    /// <summary>
    /// The answer did not fit a datagram: the same server is asked over TCP, each message after its two-byte length
    /// (RFC 1035 section 4.2.2), within a fresh try's time. A connection that fails ends the query with its code
    /// (<c>ECONNREFUSED</c>), as in Node; one the server closes before the whole answer, with <c>ECONNREFUSED</c> too.
    /// </summary>
    private void AskOverTcp(DnsQuery query)
    {
        IPEndPoint server = query.Server;
        query.Timer!.Refresh();
        var framed = new byte[2 + query.Message.Length];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Message.Length);
        query.Message.CopyTo(framed, 2);
        TcpSocket tcp = TcpSocket.Connect(_loop, server.Port, server.Address.ToString());
        tcp.Unref();
        query.Tcp = tcp;
        query.TcpAnswer = new MemoryStream();
        tcp.On.Data(chunk => OnTcpData(query, tcp, chunk))
            .On.Error(error => OnTcpFailed(query, tcp, error is NetException { Code: var code } ? code : DnsErrors.ConnectionRefused))
            .On.Ended(() => OnTcpFailed(query, tcp, DnsErrors.ConnectionRefused));
        tcp.Write(framed);
    }

    private void OnTcpData(DnsQuery query, TcpSocket tcp, ReadOnlyMemory<byte> chunk)
    {
        if (query.Tcp != tcp)
        {
            return;
        }

        MemoryStream answer = query.TcpAnswer!;
        answer.Write(chunk.Span);
        ReadOnlySpan<byte> received = answer.GetBuffer().AsSpan(0, (int)answer.Length);
        if (received.Length >= 2 && received.Length - 2 >= BinaryPrimitives.ReadUInt16BigEndian(received))
        {
            ReadOnlySpan<byte> message = received.Slice(2, BinaryPrimitives.ReadUInt16BigEndian(received));
            if (message.Length < 2 || BinaryPrimitives.ReadUInt16BigEndian(message) != query.Id)
            {
                FailTry(query, DnsErrors.BadResponse);
                return;
            }

            OnAnswer(query, message, overTcp: true);
        }
    }

    private void OnTcpFailed(DnsQuery query, TcpSocket tcp, string code)
    {
        if (query.Tcp == tcp)
        {
            Finish(query, DnsErrors.Create(query.Syscall, code, query.Hostname), response: null);
        }
    }

    private static void EndTcp(DnsQuery query)
    {
        query.Tcp?.Destroy();
        query.Tcp = null;
        query.TcpAnswer = null;
    }

    /// <summary>A send failed (<c>send ENETUNREACH 192.0.2.1:53</c>): the tries to that server fail at once, as c-ares fails over.</summary>
    private void OnSocketError(Exception error)
    {
        if (error is not NetException { Address: string address, Port: int port, Code: string code })
        {
            return; // a receive error names no server; the tries it concerns will time out
        }

        foreach (DnsQuery query in _queries.Values.ToArray())
        {
            if (query.Server.Port == port && query.Server.Address.ToString() == address)
            {
                FailTry(query, code);
            }
        }
    }

    /// <summary>Ends <paramref name="query"/>: its outcome is handed over from an immediate, as Node's is.</summary>
    private void Finish(DnsQuery query, NetException? error, DnsResponse? response)
    {
        _queries.Remove(query.Id);
        _loop.ActiveRequests--;
        _loop.ClearTimeout(query.Timer);
        query.Timer = null;
        EndTcp(query);
        query.Outcome = (error, response);
        _loop.SetImmediate(static query => query.Complete(), query);
        if (_queries.Count == 0)
        {
            _udp4?.Close();
            _udp6?.Close();
            _udp4 = _udp6 = null;
        }
    }
}
