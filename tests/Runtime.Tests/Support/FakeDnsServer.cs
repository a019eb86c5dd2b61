using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Loopwire.Tests.Support;

/// <summary>
/// A DNS server on 127.0.0.1 (or ::1) at a free port, on plain .NET sockets and threads of its own, so the loop under test
/// is only ever the client. Each query received is recorded, then answered with whatever datagrams the responder
/// gives (none: silence). With a TCP responder the same port also takes DNS over TCP; without one it refuses it.
/// </summary>
internal sealed class FakeDnsServer : IDisposable
{
    private readonly UdpClient _udp;
    private readonly TcpListener? _tcp;
    private readonly Func<FakeDnsQuery, IEnumerable<byte[]>> _respond;
    private readonly Func<FakeDnsQuery, byte[]?>? _respondOverTcp;
    private readonly List<FakeDnsQuery> _queries = [];
    private readonly List<FakeDnsQuery> _tcpQueries = [];
    private volatile bool _disposed;

    public FakeDnsServer(Func<FakeDnsQuery, IEnumerable<byte[]>> respond, Func<FakeDnsQuery, byte[]?>? respondOverTcp = null, IPAddress? loopback = null)
    {
        _respond = respond;
        _respondOverTcp = respondOverTcp;
        (_udp, _tcp) = Bind(loopback ?? IPAddress.Loopback, tcp: respondOverTcp is not null);
        IPEndPoint local = (IPEndPoint)_udp.Client.LocalEndPoint!;
        Port = local.Port;
        Address = local.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{local.Address}]:{Port}" : $"{local.Address}:{Port}";
        new Thread(ServeUdp) { IsBackground = true, Name = "fake DNS (UDP)" }.Start();
        if (_tcp is not null)
        {
            new Thread(ServeTcp) { IsBackground = true, Name = "fake DNS (TCP)" }.Start();
        }
    }

    public int Port { get; }

    /// <summary>The server as <see cref="DnsResolver.SetServers"/> takes it: <c>127.0.0.1:port</c> or <c>[::1]:port</c>.</summary>
    public string Address { get; }

    /// <summary>The queries received over UDP so far, in order.</summary>
    public FakeDnsQuery[] Queries
    {
        get
        {
            lock (_queries)
            {
                return [.. _queries];
            }
        }
    }

    /// <summary>The queries received over TCP so far, in order.</summary>
    public FakeDnsQuery[] TcpQueries
    {
        get
        {
            lock (_queries)
            {
                return [.. _tcpQueries];
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> UDP queries have arrived: real I/O, while a test's clock stands still.</summary>
    public void WaitForQueries(int count)
    {
        lock (_queries)
        {
            while (_queries.Count < count)
            {
                Assert.True(Monitor.Wait(_queries, TimeSpan.FromSeconds(10)), $"the fake DNS server got {_queries.Count} queries, not {count}, within 10 s");
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _udp.Dispose();
        _tcp?.Stop();
    }

    /// <summary>A free UDP port, and with <paramref name="tcp"/> a listener on the same TCP port: another port when that one is taken.</summary>
    private static (UdpClient Udp, TcpListener? Tcp) Bind(IPAddress loopback, bool tcp)
    {
        for (int attempt = 1; ; attempt++)
        {
            var udp = new UdpClient(new IPEndPoint(loopback, 0));
            if (!tcp)
            {
                return (udp, null);
            }

            var listener = new TcpListener(loopback, ((IPEndPoint)udp.Client.LocalEndPoint!).Port);
            try
            {
                listener.Start();
                return (udp, listener);
            }
            catch (SocketException) when (attempt < 20)
            {
                udp.Dispose();
            }
        }
    }

    private void ServeUdp()
    {
        try
        {
            while (true)
            {
                var remote = new IPEndPoint(IPAddress.Any, 0);
                byte[] message = _udp.Receive(ref remote);
                if (_disposed)
                {
                    return; // a receive cut short by Dispose returns an empty datagram on Linux
                }

                if (message.Length < 12)
                {
                    continue;
                }

                FakeDnsQuery query = FakeDnsQuery.Parse(message);
                lock (_queries)
                {
                    _queries.Add(query);
                    Monitor.PulseAll(_queries);
                }

                foreach (byte[] answer in _respond(query))
                {
                    _udp.Send(answer, remote);
                }
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // disposed
        }
    }

    private void ServeTcp()
    {
        try
        {
            while (true)
            {
                using TcpClient client = _tcp!.AcceptTcpClient();
                NetworkStream stream = client.GetStream();
                var length = new byte[2];
                stream.ReadExactly(length);
                var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
                stream.ReadExactly(message);
                FakeDnsQuery query = FakeDnsQuery.Parse(message);
                lock (_queries)
                {
                    _tcpQueries.Add(query);
                }

                if (_respondOverTcp!(query) is byte[] answer)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)answer.Length);
                    stream.Write(length);
                    stream.Write(answer);
                }
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // stopped
        }
    }
}

/// <summary>A query as the fake server read it: its id, name and type, and the message, to build answers from.</summary>
internal sealed record FakeDnsQuery(ushort Id, string Name, ushort Type, byte[] Message)
{
    /// <summary>The header's flags: RD is the only one a resolver's query sets.</summary>
    public ushort Flags => BinaryPrimitives.ReadUInt16BigEndian(Message.AsSpan(2));

    public static FakeDnsQuery Parse(byte[] message)
    {
        var name = new StringBuilder();
        int offset = 12;
        while (message[offset] != 0)
        {
            name.Append(name.Length > 0 ? "." : "").Append(Encoding.ASCII.GetString(message, offset + 1, message[offset]));
            offset += message[offset] + 1;
        }

        return new FakeDnsQuery(BinaryPrimitives.ReadUInt16BigEndian(message), name.ToString(), BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(offset + 1)), message);
    }

    /// <summary>
    /// An answer: this query's header with QR set and <paramref name="responseCode"/> (and TC when
    /// <paramref name="truncated"/>), its question, then <paramref name="records"/>, each built by
    /// <see cref="FakeDnsRecord"/>.
    /// </summary>
    public byte[] Answer(int responseCode = 0, bool truncated = false, params byte[][] records)
    {
        int questionEnd = 12 + QuestionLength;
        var answer = new List<byte>(Message.AsSpan(0, questionEnd).ToArray());
        answer[2] = (byte)(0x81 | (truncated ? 0x02 : 0)); // QR, RD (and TC)
        answer[3] = (byte)(0x80 | responseCode); // RA
        answer[6] = (byte)(records.Length >> 8);
        answer[7] = (byte)records.Length;
        answer[8] = answer[9] = answer[10] = answer[11] = 0;
        foreach (byte[] record in records)
        {
            answer.AddRange(record);
        }

        return [.. answer];
    }

    private int QuestionLength
    {
        get
        {
            int offset = 12;
            while (Message[offset] != 0)
            {
                offset += Message[offset] + 1;
            }

            return offset + 1 + 4 - 12;
        }
    }
}
