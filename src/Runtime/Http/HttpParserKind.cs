namespace Loopwire.Http;

/// <summary>What an <see cref="HttpParser"/> reads: requests (a server's side) or responses (a client's).</summary>
internal enum HttpParserKind
{
    /// <summary>Requests: <c>METHOD request-target HTTP/1.x</c>, then headers and a body by length or chunks.</summary>
    Request,

    /// <summary>Responses: <c>HTTP/1.x status reason</c>, then headers and a body by length, chunks or to EOF.</summary>
    Response,
}
