using System.Net;

namespace Loopwire;

/// <summary>An address and how long it may be kept, as an element of Node's <c>dns.resolve4(host, { ttl: true })</c> answer.</summary>
/// <param name="Address">The IPv4 or IPv6 address.</param>
/// <param name="Ttl">Its time to live in seconds: the record's, or a shorter one of the CNAME records that led to it, as c-ares gives.</param>
public sealed record AddressRecord(IPAddress Address, int Ttl);
