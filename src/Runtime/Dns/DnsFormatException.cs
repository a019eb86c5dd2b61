namespace Loopwire;

/// <summary>A DNS message that does not parse: the query it answers fails that try with <c>EBADRESP</c>, as c-ares' does.</summary>
internal sealed class DnsFormatException : Exception
{
    public DnsFormatException(string message)
        : base(message)
    {
    }
}
