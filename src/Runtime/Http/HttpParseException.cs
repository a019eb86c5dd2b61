namespace Loopwire.Http;

/// <summary>
/// Bytes that are not HTTP/1.1, as Node reports them from llhttp: a <see cref="Code"/> such as
/// <c>HPE_INVALID_METHOD</c>, llhttp's <see cref="Reason"/>, and the message <c>Parse Error: </c> and the reason. A
/// server's <c>clientError</c> and a client's <c>error</c> carry it.
/// </summary>
public sealed class HttpParseException : Exception
{
    internal HttpParseException(string code, string reason, int bytesParsed)
        : base("Parse Error: " + reason)
    {
        Code = code;
        Reason = reason;
        BytesParsed = bytesParsed;
    }

    /// <summary>Node's <c>err.code</c>, llhttp's error name: <c>HPE_INVALID_METHOD</c>, <c>HPE_HEADER_OVERFLOW</c>, ...</summary>
    public string Code { get; }

    /// <summary>Node's <c>err.reason</c>, llhttp's words for it: <c>Invalid method encountered</c>, ...</summary>
    public string Reason { get; }

    /// <summary>
    /// Node's <c>err.bytesParsed</c>: how far into the data of the failing read the bad byte was found (near where llhttp
    /// stops, not always the same byte: llhttp finds some errors a byte or a line later).
    /// </summary>
    public int BytesParsed { get; }
}
