namespace Loopwire;

/// <summary>
/// One resource record of an answer: its owner name, type and time to live, and its data, already read for the types
/// the resolver knows (an <see cref="System.Net.IPAddress"/>, a name, an <see cref="MxRecord"/>, an
/// <see cref="SrvRecord"/>, a <see cref="SoaRecord"/>, or a TXT record's strings) and null for any other type.
/// </summary>
internal readonly record struct DnsRecord(string Name, DnsRecordType Type, int Ttl, object? Data);
