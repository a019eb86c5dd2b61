using System.Net;

namespace Loopwire;

/// <summary>
/// Reads what a query asked for out of an answer's records: those of its type owned by the name asked about, or by
/// the target of a CNAME record on the way there. Null means there is none (Node's <c>ENODATA</c>); where Node gives
/// an empty list instead (MX, TXT and SRV, and addresses behind a CNAME with none of their own), so do these.
/// </summary>
internal static class DnsAnswers
{
    public static AddressRecord[]? Addresses(DnsResponse response, DnsQuestion question)
    {
        List<(DnsRecord Record, int AliasTtl)> found = Select(response, question, out bool aliased);
        return found.Count > 0 || aliased
            ? found.ConvertAll(match => new AddressRecord((IPAddress)match.Record.Data!, Math.Min(match.Record.Ttl, match.AliasTtl))).ToArray()
            : null;
    }

    public static MxRecord[] Mx(DnsResponse response, DnsQuestion question) => All<MxRecord>(response, question);

    public static SrvRecord[] Srv(DnsResponse response, DnsQuestion question) => All<SrvRecord>(response, question);

    public static string[][] Txt(DnsResponse response, DnsQuestion question) => All<string[]>(response, question);

    public static string[]? Names(DnsResponse response, DnsQuestion question)
    {
        string[] names = All<string>(response, question);
        return names.Length > 0 ? names : null;
    }

    public static SoaRecord? Soa(DnsResponse response, DnsQuestion question) => All<SoaRecord>(response, question).FirstOrDefault();

    private static T[] All<T>(DnsResponse response, DnsQuestion question) =>
        Select(response, question, out _).ConvertAll(match => (T)match.Record.Data!).ToArray();

    /// <summary>
    /// The records of the question's type along the CNAME chain, in the answer's order, each with the shortest TTL of
    /// the CNAME records that led to it; <paramref name="aliased"/> says whether the chain went through one.
    /// </summary>
    private static List<(DnsRecord Record, int AliasTtl)> Select(DnsResponse response, DnsQuestion question, out bool aliased)
    {
        var found = new List<(DnsRecord, int)>();
        string owner = question.Name;
        int aliasTtl = int.MaxValue;
        aliased = false;
        foreach (DnsRecord record in response.Answers)
        {
            if (!DnsQuestion.NamesEqual(record.Name, owner) || record.Data is null)
            {
                continue;
            }

            if (record.Type == question.Type)
            {
                found.Add((record, aliasTtl));
            }
            else if (record.Type == DnsRecordType.Cname)
            {
                owner = (string)record.Data;
                aliasTtl = Math.Min(aliasTtl, record.Ttl);
                aliased = true;
            }
        }

        return found;
    }
}
