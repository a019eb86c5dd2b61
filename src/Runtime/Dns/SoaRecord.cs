namespace Loopwire;

/// <summary>A start of authority record, as Node's <c>dns.resolveSoa</c> answer (<c>{ nsname, hostmaster, serial, … }</c>).</summary>
/// <param name="NsName">The zone's primary name server.</param>
/// <param name="Hostmaster">The mailbox of the zone's administrator, written as a name.</param>
/// <param name="Serial">The zone's version.</param>
/// <param name="Refresh">Seconds before a secondary server checks the zone again.</param>
/// <param name="Retry">Seconds before a failed refresh is retried.</param>
/// <param name="Expire">Seconds after which a secondary server stops answering for a zone it could not refresh.</param>
/// <param name="MinTtl">The time to live of negative answers, in seconds (Node's <c>minttl</c>).</param>
public sealed record SoaRecord(string NsName, string Hostmaster, long Serial, long Refresh, long Retry, long Expire, long MinTtl);
