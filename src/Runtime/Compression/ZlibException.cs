namespace Loopwire;

/// <summary>
/// Compressed data that could not be decompressed, worded as Node's zlib errors (<c>incorrect header check</c>,
/// <c>unexpected end of file</c>) and carrying their <see cref="Code"/> and <see cref="Errno"/>. The streams
/// <see cref="Zlib"/> makes are destroyed with it.
/// </summary>
public sealed class ZlibException : IOException
{
    internal ZlibException(string message, string code, int errno, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Errno = errno;
    }

    /// <summary>Node's <c>error.code</c>: <c>Z_DATA_ERROR</c> for invalid data, <c>Z_BUF_ERROR</c> for input that ends too soon.</summary>
    public string Code { get; }

    /// <summary>Node's <c>error.errno</c>, zlib's return code: -3 for <c>Z_DATA_ERROR</c>, -5 for <c>Z_BUF_ERROR</c>.</summary>
    public int Errno { get; }

    /// <summary>Node's error for input that ends before the compressed stream does, or is empty.</summary>
    internal static ZlibException UnexpectedEnd(Exception? innerException = null) =>
        new("unexpected end of file", "Z_BUF_ERROR", -5, innerException);

    /// <summary>Node's error for data the decompressor rejects, with zlib's message.</summary>
    internal static ZlibException DataError(string message, Exception? innerException = null) =>
        new(message, "Z_DATA_ERROR", -3, innerException);
}
