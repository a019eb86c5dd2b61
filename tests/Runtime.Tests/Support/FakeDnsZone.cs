using System.Net;
using static Loopwire.Tests.Support.FakeDnsRecord;

namespace Loopwire.Tests.Support;

/// <summary>
/// The names the fake server answers for, each pinning one behaviour, shared by the resolver's tests and the Node
/// comparison. Types a name has no record of get an empty answer; names not listed are NXDOMAIN.
/// </summary>
internal static class FakeDnsZone
{
    private const ushort A = 1, Ns = 2, Soa = 6, Ptr = 12, Mx = 15, Txt = 16, Aaaa = 28, Srv = 33;

    /// <summary>A fake server answering for this zone over UDP and TCP, on 127.0.0.1 or the given loopback address.</summary>
    public static FakeDnsServer Serve(IPAddress? loopback = null) => new(Respond, RespondOverTcp, loopback);

    public static IEnumerable<byte[]> Respond(FakeDnsQuery query)
    {
        switch (query.Name, query.Type)
        {
            case ("a.test", A):
                return [query.Answer(records: [FakeDnsRecord.A("192.0.2.1"), FakeDnsRecord.A("192.0.2.2", ttl: 60)])];
            case ("a.test", Aaaa):
                return [query.Answer(records: [FakeDnsRecord.Aaaa("2001:db8::1", ttl: 120)])];
            case ("alias.test", A):
                // the CNAME's shorter TTL caps the addresses'; c-ares takes even one owned by another name
                return [query.Answer(records: [Cname("a.test", ttl: 30), FakeDnsRecord.A("192.0.2.1", owner: "a.test"), FakeDnsRecord.A("203.0.113.1", owner: "other.test")])];
            case ("cname.test", _):
                return [query.Answer(records: [Cname("target.test")])];
            case ("mx.test", Mx):
                return [query.Answer(records: [FakeDnsRecord.Mx(10, "mail.test"), FakeDnsRecord.Mx(20, "backup.test")])];
            case ("txt.test", Txt):
                return [query.Answer(records: [FakeDnsRecord.Txt("v=spf1", "-all"), FakeDnsRecord.Txt("second")])];
            case ("srv.test", Srv):
                return [query.Answer(records: [FakeDnsRecord.Srv(1, 5, 5060, "sip.test")])];
            case ("ns.test", Ns):
                return [query.Answer(records: [FakeDnsRecord.Ns("ns1.test"), FakeDnsRecord.Ns("ns2.test")])];
            case ("soa.test", Soa):
                return [query.Answer(records: [FakeDnsRecord.Soa("ns1.test", "hostmaster.test", 2024010101, 7200, 3600, 1209600, 300)])];
            case ("1.2.0.192.in-addr.arpa", Ptr):
                return [query.Answer(records: [FakeDnsRecord.Ptr("host.test")])];
            case ("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", Ptr):
                return [query.Answer(records: [FakeDnsRecord.Ptr("host6.test")])];
            case ("odd.test", _):
                // an A record whatever was asked: Node gives [] for MX, TXT and SRV, ENODATA for the others
                return [query.Answer(records: [FakeDnsRecord.A("192.0.2.7")])];
            case ("a.test" or "empty.test", _):
                return [query.Answer()];
            case ("servfail.test", _):
                return [query.Answer(responseCode: 2)];
            case ("refused.test", _):
                return [query.Answer(responseCode: 5)];
            case ("loop.test", _):
                // the answer's owner name is a pointer to itself
                return [query.Answer(records: [Raw([0xC0, (byte)(12 + query.Name.Length + 2 + 4)], A, 300, 4, [192, 0, 2, 1])])];
            case ("cut.test", _):
                // the record claims 4 bytes of data; the message ends after 2
                return [query.Answer(records: [Raw([0xC0, 12], A, 300, 4, [192, 0])])];
            case ("short.test", _):
                return [[query.Message[0], query.Message[1], 0x81]];
            case ("silent.test", _):
                return [];
            case ("wrong-id.test", _):
            {
                // a datagram for another id, then one for another question with this id: both ignored; then the answer
                byte[] wrongId = query.Answer(records: [FakeDnsRecord.A("198.51.100.6")]);
                wrongId[1] ^= 1;
                byte[] otherQuestion = (query with { Message = [.. query.Message[..^4], 0, (byte)Aaaa, 0, 1] }).Answer(records: [FakeDnsRecord.A("198.51.100.7")]);
                return [wrongId, otherQuestion, query.Answer(records: [FakeDnsRecord.A("192.0.2.9")])];
            }

            case ("tc.test", _):
                return [query.Answer(truncated: true)];
            default:
                return [query.Answer(responseCode: 3)];
        }
    }

    /// <summary>Over TCP, the truncated name's whole answer.</summary>
    public static byte[]? RespondOverTcp(FakeDnsQuery query) =>
        query.Name == "tc.test" ? query.Answer(records: [FakeDnsRecord.A("192.0.2.53")]) : null;
}
