namespace Loopwire.Samples.HttpHello;

/// <summary>
/// Every response this server sends, as static bytes: the hello response (keep-alive or close) and the error responses,
/// which are Node's own (its http server sends these exact bytes for 400 and 431) and always close.
/// </summary>
internal static class Responses
{
    /// <summary>How long an idle connection stays open, announced in the keep-alive response (Node's keepAliveTimeout).</summary>
    public const int KeepAliveSeconds = 5;

    public static readonly ReadOnlyMemory<byte> HelloKeepAlive = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\nHello, World!"u8.ToArray();

    public static readonly ReadOnlyMemory<byte> HelloClose = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\nConnection: close\r\n\r\nHello, World!"u8.ToArray();

    public static readonly ReadOnlyMemory<byte> BadRequest = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"u8.ToArray();

    public static readonly ReadOnlyMemory<byte> PayloadTooLarge = "HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n"u8.ToArray();

    public static readonly ReadOnlyMemory<byte> HeadersTooLarge = "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n"u8.ToArray();

    public static readonly ReadOnlyMemory<byte> NotImplemented = "HTTP/1.1 501 Not Implemented\r\nConnection: close\r\n\r\n"u8.ToArray();

    /// <summary>The response that ends a connection after <paramref name="failure"/>.</summary>
    public static ReadOnlyMemory<byte> For(HttpParseResult failure) => failure switch
    {
        HttpParseResult.HeadTooLarge => HeadersTooLarge,
        HttpParseResult.BodyTooLarge => PayloadTooLarge,
        HttpParseResult.NotImplemented => NotImplemented,
        _ => BadRequest,
    };
}
