using System.Net.Sockets;
using Loopwire.Net;

namespace Loopwire;

/// <summary>
/// Node's errors for <c>dns.resolve*</c>: <c>queryA ENOTFOUND example.invalid</c>, the operation (<c>queryA</c>,
/// <c>queryMx</c>, …, <c>getHostByAddr</c>), c-ares' code, then the name asked about, which is also the error's
/// <see cref="NetException.Address"/> (Node's <c>hostname</c>).
/// </summary>
internal static class DnsErrors
{
    public const string NotFound = "ENOTFOUND";
    public const string NoData = "ENODATA";
    public const string Timeout = "ETIMEOUT";
    public const string BadResponse = "EBADRESP";
    public const string BadName = "EBADNAME";
    public const string Cancelled = "ECANCELLED";
    public const string ConnectionRefused = "ECONNREFUSED";

    /// <summary>Node 20 has no name for c-ares' ENOSERVER, which a resolver with no servers gets.</summary>
    public const string NoServers = "UNKNOWN_ARES_ERROR";

    public static NetException Create(string syscall, string code, string hostname) =>
        new($"{syscall} {code} {hostname}", code, syscall, SocketErrorFor(code), hostname, port: null);

    /// <summary>The code for an answer's response code (RFC 1035 section 4.1.1), as c-ares maps it.</summary>
    public static string ForResponseCode(int responseCode) => responseCode switch
    {
        1 => "EFORMERR",
        2 => "ESERVFAIL",
        3 => NotFound,
        4 => "ENOTIMP",
        5 => "EREFUSED",
        _ => BadResponse,
    };

    /// <summary>The nearest .NET error, for <see cref="NetException.SocketErrorCode"/>.</summary>
    private static SocketError SocketErrorFor(string code) => code switch
    {
        NotFound => SocketError.HostNotFound,
        NoData => SocketError.NoData,
        Timeout => SocketError.TimedOut,
        "ESERVFAIL" => SocketError.TryAgain,
        Cancelled => SocketError.OperationAborted,
        ConnectionRefused => SocketError.ConnectionRefused,
        _ => SocketError.NoRecovery,
    };
}
