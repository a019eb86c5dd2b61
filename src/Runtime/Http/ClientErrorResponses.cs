namespace Loopwire.Http;

/// <summary>What Node's server sends a client whose request failed, when no 'clientError' listener answers it: these exact bytes.</summary>
internal static class ClientErrorResponses
{
    private static readonly ReadOnlyMemory<byte> BadRequest = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> RequestTimeout = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> PayloadTooLarge = "HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> HeadersTooLarge = "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n"u8.ToArray();

    /// <summary>The answer to <paramref name="error"/>: 431 for a head too large, 413 for chunk extensions too large, 408 for a timeout, else 400.</summary>
    public static ReadOnlyMemory<byte> For(Exception error) => error switch
    {
        HttpParseException { Code: "HPE_HEADER_OVERFLOW" } => HeadersTooLarge,
        HttpParseException { Code: "HPE_CHUNK_EXTENSIONS_OVERFLOW" } => PayloadTooLarge,
        HttpRequestTimeoutException => RequestTimeout,
        _ => BadRequest,
    };
}
