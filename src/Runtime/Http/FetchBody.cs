using System.Text;

namespace Loopwire.Http;

/// <summary>
/// The body of a <see cref="HttpFetch.FetchAsync"/> request: text, sent as UTF-8 with <c>Content-Type:
/// text/plain;charset=UTF-8</c> unless the headers set one, or bytes, sent as they are; assign either to
/// <see cref="FetchOptions.Body"/>. It is held whole, so a 307 or 308 redirect can send it again.
/// </summary>
public readonly struct FetchBody
{
    private FetchBody(ReadOnlyMemory<byte> bytes, string? contentType)
    {
        Bytes = bytes;
        ContentType = contentType;
    }

    /// <summary>The bytes sent.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The <c>Content-Type</c> sent when the request's headers set none: text's, or null for bytes.</summary>
    public string? ContentType { get; }

    /// <summary>Text, encoded as UTF-8, with fetch's <c>text/plain;charset=UTF-8</c>.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static implicit operator FetchBody(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new FetchBody(Encoding.UTF8.GetBytes(text), "text/plain;charset=UTF-8");
    }

    /// <summary>Bytes, sent as they are, with no <c>Content-Type</c> of their own.</summary>
    /// <param name="bytes">The bytes; not copied, so leave them unchanged until the fetch is done.</param>
    public static implicit operator FetchBody(ReadOnlyMemory<byte> bytes) => new(bytes, contentType: null);

    /// <summary>Bytes, sent as they are, with no <c>Content-Type</c> of their own.</summary>
    /// <param name="bytes">The bytes; not copied, so leave them unchanged until the fetch is done.</param>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    public static implicit operator FetchBody(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new FetchBody(bytes, contentType: null);
    }
}
