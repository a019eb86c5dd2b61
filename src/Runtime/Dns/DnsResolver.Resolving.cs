using System.Net;
using System.Net.Sockets;
using System.Text;
using Loopwire.Net;

namespace Loopwire;

/// <summary>
/// Node's <c>dns.resolve*</c> and <c>dns.reverse</c>: DNS queries sent from the loop, as c-ares sends them for Node,
/// and answered on the loop; no pool thread is used. Each is a callback form and a task form, and each query keeps
/// the loop alive until its callback has run (L1).
/// </summary>
public sealed partial class DnsResolver
{
    /// <summary>Asks the servers for its IPv4 addresses (A records), as Node's <c>dns.resolve4(hostname, callback)</c>.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <param name="callback">Runs on the loop with the error (a <see cref="NetException"/>: <c>queryA ENOTFOUND host</c>, <c>queryA ENODATA host</c>, <c>queryA ETIMEOUT host</c>, ...) and null, or null and the addresses, in the answer's order.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Resolve4(string hostname, [RunsOnLoop] Action<Exception?, IPAddress[]?> callback) =>
        Query(hostname, DnsRecordType.A, "queryA", static (r, q) => DnsAnswers.Addresses(r, q) is { } found ? Array.ConvertAll(found, record => record.Address) : null, callback);

    /// <summary>Asks the servers for its IPv4 addresses (A records), as Node's <c>dnsPromises.resolve4(hostname)</c>; the task completes on the loop thread.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <returns>The addresses, in the answer's order; or it fails with a <see cref="NetException"/> (<c>queryA ENOTFOUND host</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ValueTask<IPAddress[]> Resolve4Async(string hostname) => QueryAsync<IPAddress[]>(hostname, Resolve4);

    /// <summary>Asks the servers for its IPv4 addresses with their time to live, as Node's <c>dns.resolve4(hostname, { ttl: true })</c>.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <param name="callback">Runs on the loop with the error (a <see cref="NetException"/>: <c>queryA ENOTFOUND host</c>, <c>queryA ENODATA host</c>, <c>queryA ETIMEOUT host</c>, ...) and null, or null and the addresses and their TTLs.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Resolve4WithTtl(string hostname, [RunsOnLoop] Action<Exception?, AddressRecord[]?> callback) =>
        Query(hostname, DnsRecordType.A, "queryA", DnsAnswers.Addresses, callback);

    /// <summary>Asks the servers for its IPv4 addresses with their time to live, as Node's <c>dnsPromises.resolve4(hostname, { ttl: true })</c>; the task completes on the loop thread.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <returns>The addresses and their TTLs; or it fails with a <see cref="NetException"/> (<c>queryA ENOTFOUND host</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ValueTask<AddressRecord[]> Resolve4WithTtlAsync(string hostname) => QueryAsync<AddressRecord[]>(hostname, Resolve4WithTtl);

    /// <summary>Asks the servers for its IPv6 addresses (AAAA records), as Node's <c>dns.resolve6(hostname, callback)</c>.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <param name="callback">Runs on the loop with the error (a <see cref="NetException"/>: <c>queryAaaa ENOTFOUND host</c>, <c>queryAaaa ENODATA host</c>, <c>queryAaaa ETIMEOUT host</c>, ...) and null, or null and the addresses, in the answer's order.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Resolve6(string hostname, [RunsOnLoop] Action<Exception?, IPAddress[]?> callback) =>
        Query(hostname, DnsRecordType.Aaaa, "queryAaaa", static (r, q) => DnsAnswers.Addresses(r, q) is { } found ? Array.ConvertAll(found, record => record.Address) : null, callback);

    /// <summary>Asks the servers for its IPv6 addresses (AAAA records), as Node's <c>dnsPromises.resolve6(hostname)</c>; the task completes on the loop thread.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <returns>The addresses, in the answer's order; or it fails with a <see cref="NetException"/> (<c>queryAaaa ENOTFOUND host</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ValueTask<IPAddress[]> Resolve6Async(string hostname) => QueryAsync<IPAddress[]>(hostname, Resolve6);

    /// <summary>Asks the servers for its IPv6 addresses with their time to live, as Node's <c>dns.resolve6(hostname, { ttl: true })</c>.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <param name="callback">Runs on the loop with the error (a <see cref="NetException"/>: <c>queryAaaa ENOTFOUND host</c>, <c>queryAaaa ENODATA host</c>, <c>queryAaaa ETIMEOUT host</c>, ...) and null, or null and the addresses and their TTLs.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Resolve6WithTtl(string hostname, [RunsOnLoop] Action<Exception?, AddressRecord[]?> callback) =>
        Query(hostname, DnsRecordType.Aaaa, "queryAaaa", DnsAnswers.Addresses, callback);

    /// <summary>Asks the servers for its IPv6 addresses with their time to live, as Node's <c>dnsPromises.resolve6(hostname, { ttl: true })</c>; the task completes on the loop thread.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <returns>The addresses and their TTLs; or it fails with a <see cref="NetException"/> (<c>queryAaaa ENOTFOUND host</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ValueTask<AddressRecord[]> Resolve6WithTtlAsync(string hostname) => QueryAsync<AddressRecord[]>(hostname, Resolve6WithTtl);

    /// <summary>Asks the servers for its mail exchange records, as Node's <c>dns.resolveMx(hostname, callback)</c>.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <param name="callback">Runs on the loop with the error (a <see cref="NetException"/>: <c>queryMx ENOTFOUND host</c>, <c>queryMx ENODATA host</c>, <c>queryMx ETIMEOUT host</c>, ...) and null, or null and the records (empty when the answer has records but none of them MX, as in Node).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void ResolveMx(string hostname, [RunsOnLoop] Action<Exception?, MxRecord[]?> callback) =>
        Query(hostname, DnsRecordType.Mx, "queryMx", DnsAnswers.Mx, callback);

    /// <summary>Asks the servers for its mail exchange records, as Node's <c>dnsPromises.resolveMx(hostname)</c>; the task completes on the loop thread.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <returns>The records (empty when the answer has records but none of them MX, as in Node); or it fails with a <see cref="NetException"/> (<c>queryMx ENOTFOUND host</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ValueTask<MxRecord[]> ResolveMxAsync(string hostname) => QueryAsync<MxRecord[]>(hostname, ResolveMx);

    /// <summary>Asks the servers for its text records, as Node's <c>dns.resolveTxt(hostname, callback)</c>.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <param name="callback">Runs on the loop with the error (a <see cref="NetException"/>: <c>queryTxt ENOTFOUND host</c>, <c>queryTxt ENODATA host</c>, <c>queryTxt ETIMEOUT host</c>, ...) and null, or null and one array per record, of its strings, each byte one character (Latin-1) as Node makes them; empty when the answer has records but none of them TXT, as in Node.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void ResolveTxt(string hostname, [RunsOnLoop] Action<Exception?, string[][]?> callback) =>
        Query(hostname, DnsRecordType.Txt, "queryTxt", DnsAnswers.Txt, callback);

    /// <summary>Asks the servers for its text records, as Node's <c>dnsPromises.resolveTxt(hostname)</c>; the task completes on the loop thread.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <returns>One array per record, of its strings, each byte one character (Latin-1) as Node makes them; empty when the answer has records but none of them TXT, as in Node; or it fails with a <see cref="NetException"/> (<c>queryTxt ENOTFOUND host</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ValueTask<string[][]> ResolveTxtAsync(string hostname) => QueryAsync<string[][]>(hostname, ResolveTxt);

    /// <summary>Asks the servers for its service records, as Node's <c>dns.resolveSrv(hostname, callback)</c>.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <param name="callback">Runs on the loop with the error (a <see cref="NetException"/>: <c>querySrv ENOTFOUND host</c>, <c>querySrv ENODATA host</c>, <c>querySrv ETIMEOUT host</c>, ...) and null, or null and the records (empty when the answer has records but none of them SRV, as in Node).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void ResolveSrv(string hostname, [RunsOnLoop] Action<Exception?, SrvRecord[]?> callback) =>
        Query(hostname, DnsRecordType.Srv, "querySrv", DnsAnswers.Srv, callback);

    /// <summary>Asks the servers for its service records, as Node's <c>dnsPromises.resolveSrv(hostname)</c>; the task completes on the loop thread.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <returns>The records (empty when the answer has records but none of them SRV, as in Node); or it fails with a <see cref="NetException"/> (<c>querySrv ENOTFOUND host</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ValueTask<SrvRecord[]> ResolveSrvAsync(string hostname) => QueryAsync<SrvRecord[]>(hostname, ResolveSrv);

    /// <summary>Asks the servers for its canonical name records, as Node's <c>dns.resolveCname(hostname, callback)</c>.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <param name="callback">Runs on the loop with the error (a <see cref="NetException"/>: <c>queryCname ENOTFOUND host</c>, <c>queryCname ENODATA host</c>, <c>queryCname ETIMEOUT host</c>, ...) and null, or null and the names it is an alias of.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void ResolveCname(string hostname, [RunsOnLoop] Action<Exception?, string[]?> callback) =>
        Query(hostname, DnsRecordType.Cname, "queryCname", DnsAnswers.Names, callback);

    /// <summary>Asks the servers for its canonical name records, as Node's <c>dnsPromises.resolveCname(hostname)</c>; the task completes on the loop thread.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <returns>The names it is an alias of; or it fails with a <see cref="NetException"/> (<c>queryCname ENOTFOUND host</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ValueTask<string[]> ResolveCnameAsync(string hostname) => QueryAsync<string[]>(hostname, ResolveCname);

    /// <summary>Asks the servers for its name server records, as Node's <c>dns.resolveNs(hostname, callback)</c>.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <param name="callback">Runs on the loop with the error (a <see cref="NetException"/>: <c>queryNs ENOTFOUND host</c>, <c>queryNs ENODATA host</c>, <c>queryNs ETIMEOUT host</c>, ...) and null, or null and the name servers' names.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void ResolveNs(string hostname, [RunsOnLoop] Action<Exception?, string[]?> callback) =>
        Query(hostname, DnsRecordType.Ns, "queryNs", DnsAnswers.Names, callback);

    /// <summary>Asks the servers for its name server records, as Node's <c>dnsPromises.resolveNs(hostname)</c>; the task completes on the loop thread.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <returns>The name servers' names; or it fails with a <see cref="NetException"/> (<c>queryNs ENOTFOUND host</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ValueTask<string[]> ResolveNsAsync(string hostname) => QueryAsync<string[]>(hostname, ResolveNs);

    /// <summary>Asks the servers for its pointer records, as Node's <c>dns.resolvePtr(hostname, callback)</c>.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <param name="callback">Runs on the loop with the error (a <see cref="NetException"/>: <c>queryPtr ENOTFOUND host</c>, <c>queryPtr ENODATA host</c>, <c>queryPtr ETIMEOUT host</c>, ...) and null, or null and the names pointed to.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void ResolvePtr(string hostname, [RunsOnLoop] Action<Exception?, string[]?> callback) =>
        Query(hostname, DnsRecordType.Ptr, "queryPtr", DnsAnswers.Names, callback);

    /// <summary>Asks the servers for its pointer records, as Node's <c>dnsPromises.resolvePtr(hostname)</c>; the task completes on the loop thread.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <returns>The names pointed to; or it fails with a <see cref="NetException"/> (<c>queryPtr ENOTFOUND host</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ValueTask<string[]> ResolvePtrAsync(string hostname) => QueryAsync<string[]>(hostname, ResolvePtr);

    /// <summary>Asks the servers for its start of authority record, as Node's <c>dns.resolveSoa(hostname, callback)</c>.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <param name="callback">Runs on the loop with the error (a <see cref="NetException"/>: <c>querySoa ENOTFOUND host</c>, <c>querySoa ENODATA host</c>, <c>querySoa ETIMEOUT host</c>, ...) and null, or null and the record (the first, if the answer has several).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void ResolveSoa(string hostname, [RunsOnLoop] Action<Exception?, SoaRecord?> callback) =>
        Query(hostname, DnsRecordType.Soa, "querySoa", DnsAnswers.Soa, callback);

    /// <summary>Asks the servers for its start of authority record, as Node's <c>dnsPromises.resolveSoa(hostname)</c>; the task completes on the loop thread.</summary>
    /// <param name="hostname">The name to ask about.</param>
    /// <returns>The record (the first, if the answer has several); or it fails with a <see cref="NetException"/> (<c>querySoa ENOTFOUND host</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostname"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ValueTask<SoaRecord> ResolveSoaAsync(string hostname) => QueryAsync<SoaRecord>(hostname, ResolveSoa);

    /// <summary>
    /// Asks the servers for the names of <paramref name="ip"/> (its PTR records under <c>in-addr.arpa</c> or
    /// <c>ip6.arpa</c>), as Node's <c>dns.reverse(ip, callback)</c>.
    /// </summary>
    /// <param name="ip">An IPv4 or IPv6 address literal.</param>
    /// <param name="callback">Runs on the loop with the error (<c>getHostByAddr ENOTFOUND 192.0.2.1</c>, ...) and null, or null and the names.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="ip"/> is not an IP address literal.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Reverse(string ip, [RunsOnLoop] Action<Exception?, string[]?> callback)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (!IPAddress.TryParse(ip, out IPAddress? address))
        {
            throw new ArgumentException($"{ip} is not an IP address literal; reverse looks up the names of an address (Node's EINVAL).", nameof(ip));
        }

        Query(ip, ReverseName(address), DnsRecordType.Ptr, "getHostByAddr", DnsAnswers.Names, callback);
    }

    /// <summary>Asks the servers for the names of <paramref name="ip"/>, as Node's <c>dnsPromises.reverse(ip)</c>; the task completes on the loop thread.</summary>
    /// <param name="ip">An IPv4 or IPv6 address literal.</param>
    /// <returns>The names; or it fails with a <see cref="NetException"/> (<c>getHostByAddr ENOTFOUND 192.0.2.1</c>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ip"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="ip"/> is not an IP address literal.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ValueTask<string[]> ReverseAsync(string ip) => QueryAsync<string[]>(ip, Reverse);

    /// <summary><c>4.3.2.1.in-addr.arpa</c> for 1.2.3.4; for IPv6, the 32 nibbles in reverse under <c>ip6.arpa</c> (RFC 3596).</summary>
    private static string ReverseName(IPAddress address)
    {
        byte[] bytes = address.GetAddressBytes();
        var name = new StringBuilder();
        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            _ = address.AddressFamily == AddressFamily.InterNetwork
                ? name.Append(bytes[i]).Append('.')
                : name.Append("0123456789abcdef"[bytes[i] & 0xF]).Append('.').Append("0123456789abcdef"[bytes[i] >> 4]).Append('.');
        }

        return name.Append(address.AddressFamily == AddressFamily.InterNetwork ? "in-addr.arpa" : "ip6.arpa").ToString();
    }

    private void Query<T>(string hostname, DnsRecordType type, string syscall, Func<DnsResponse, DnsQuestion, T?> read, Action<Exception?, T?> callback)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(hostname);
        Query(hostname, hostname, type, syscall, read, callback);
    }

    /// <summary>Starts a query for <paramref name="name"/>, whose errors name <paramref name="hostname"/>; a name DNS cannot carry is <c>EBADNAME</c>, from the loop.</summary>
    private void Query<T>(string hostname, string name, DnsRecordType type, string syscall, Func<DnsResponse, DnsQuestion, T?> read, Action<Exception?, T?> callback)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(callback);
        _loop.VerifyLoopThread();
        DnsQuestion? question = DnsQuestion.TryCreate(name, type);
        if (question is null)
        {
            NetException badName = DnsErrors.Create(syscall, DnsErrors.BadName, hostname);
            _loop.SetImmediate(static state => state.callback(state.badName, null), (callback, badName));
            return;
        }

        Start(new DnsQuery(syscall, hostname, question, Servers, (error, response) =>
        {
            // No record at all is ENODATA for every type, as c-ares says; what a type's reader finds none of is its own rule.
            T? result = error is null && response!.Answers.Count > 0 ? read(response, question) : null;
            callback(result is null ? error ?? DnsErrors.Create(syscall, DnsErrors.NoData, hostname) : null, result);
        }));
    }

    private static ValueTask<T> QueryAsync<T>(string hostname, Action<string, Action<Exception?, T?>> query)
        where T : class
    {
        // Completed from the query's immediate, so an await resumes as a microtask (N3), not inside the completion.
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        query(hostname, (error, result) =>
        {
            if (error is null)
            {
                completion.SetResult(result!);
            }
            else
            {
                completion.SetException(error);
            }
        });
        return new(completion.Task);
    }
}
