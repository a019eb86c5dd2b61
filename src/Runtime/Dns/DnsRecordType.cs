namespace Loopwire;

/// <summary>The record types the resolver asks for and reads (RFC 1035 section 3.2.2, RFC 3596, RFC 2782).</summary>
internal enum DnsRecordType : ushort
{
    A = 1,
    Ns = 2,
    Cname = 5,
    Soa = 6,
    Ptr = 12,
    Mx = 15,
    Txt = 16,
    Aaaa = 28,
    Srv = 33,
}
