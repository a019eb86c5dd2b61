using System.Net;

namespace Loopwire;

/// <summary>
/// Reads what a query asked for out of an answer: every record of its type in the answer section, whatever name
/// owns it, as c-ares 1.34 reads them (it dropped its owner-name check, as other resolvers never had one). Null
/// means there is none (Node's <c>ENODATA</c>); where Node gives an empty list instead (MX, TXT and SRV, and
/// addresses when the answer has a CNAME but none of them), so do these.
/// </summary>
internal static class DnsAnswers
{
    /// <summary>The addresses, each TTL capped by the shortest CNAME TTL of the answer, as c-ares caps it.</summary>
    public static AddressRecord[]? Addresses(DnsResponse response, DnsQuestion question)
    {
        int aliasTtl = int.MaxValue;
        bool aliased = false;
        foreach (DnsRecord record in response.Answers)
        {
            if (record.Type == DnsRecordType.Cname && record.Data is not null)
            {
                aliasTtl = Math.Min(aliasTtl, record.Ttl);
                aliased = true;
            }
        }

        AddressRecord[] addresses = Array.ConvertAll(All<IPAddress>(response, question.Type), address => new AddressRecord(address.Data, Math.Min(address.Ttl, aliasTtl)));
        return addresses.Length > 0 || aliased ? addresses : null;
    }

    public static MxRecord[] Mx(DnsResponse response, DnsQuestion question) => Data<MxRecord>(response, question);

    public static SrvRecord[] Srv(DnsResponse response, DnsQuestion question) => Data<SrvRecord>(response, question);

    public static string[][] Txt(DnsResponse response, DnsQuestion question) => Data<string[]>(response, question);

    public static string[]? Names(DnsResponse response, DnsQuestion question)
    {
        string[] names = Data<string>(response, question);
        return names.Length > 0 ? names : null;
    }

    public static SoaRecord? Soa(DnsResponse response, DnsQuestion question) => Data<SoaRecord>(response, question).FirstOrDefault();

    private static T[] Data<T>(DnsResponse response, DnsQuestion question) =>
        Array.ConvertAll(All<T>(response, question.Type), record => record.Data);

    /// <summary>The answer's records of <paramref name="type"/>, in order, with their data and TTLs.</summary>
    private static (T Data, int Ttl)[] All<T>(DnsResponse response, DnsRecordType type) =>
        response.Answers.Where(record => record.Type == type && record.Data is not null).Select(record => ((T)record.Data!, record.Ttl)).ToArray();
}
