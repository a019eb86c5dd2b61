using System.IO.Compression;

namespace Loopwire;

/// <summary>
/// Node's <c>zlib</c> streams: <see cref="TransformStream"/>s that compress or decompress what is written to them,
/// gzip, zlib (Node's "deflate"), raw deflate and Brotli, to put between a pipeline's ends
/// (<c>StreamPipeline.Run(file, [Zlib.CreateGzip(loop)], output, callback)</c>); and Node's one-shot forms,
/// promisified, for a whole buffer (<c>await Zlib.GzipAsync(loop, bytes)</c>).
/// </summary>
/// <remarks>
/// <para>
/// Each chunk written, and the end, is one request on the loop's work pool (<see cref="EventLoop.QueueWork"/>), as
/// Node runs zlib on libuv's threadpool: the loop thread never compresses; what a request made is pushed on the loop,
/// in chunks of at most 16 KiB (Node's <c>chunkSize</c>). A stream runs one request at a time, in order.
/// </para>
/// <para>
/// Input that cannot be decompressed destroys the stream with a <see cref="ZlibException"/> worded as Node's:
/// <c>incorrect header check</c> (<c>Z_DATA_ERROR</c>) for input in another format, <c>unexpected end of file</c>
/// (<c>Z_BUF_ERROR</c>) for input that ends before the compressed stream does, empty input included. Bytes after a
/// complete stream are ignored.
/// </para>
/// </remarks>
public static partial class Zlib
{
    /// <summary>Node's default Brotli quality, <c>BROTLI_DEFAULT_QUALITY</c>: the smallest output, and the slowest.</summary>
    public const int DefaultBrotliQuality = 11;

    /// <summary>Node's default Brotli window, <c>BROTLI_DEFAULT_WINDOW</c>: 2^22 bytes.</summary>
    public const int DefaultBrotliWindow = 22;

    /// <summary>Compresses to gzip (RFC 1952), as Node's <c>zlib.createGzip()</c>.</summary>
    /// <param name="loop">The loop that runs the stream; the work runs on its pool.</param>
    /// <param name="level">
    /// <see cref="CompressionLevel.Optimal"/> is zlib's default level, 6, as Node's; <see cref="CompressionLevel.Fastest"/>
    /// is 1, <see cref="CompressionLevel.SmallestSize"/> 9, <see cref="CompressionLevel.NoCompression"/> 0.
    /// </param>
    /// <returns>A stream: write uncompressed bytes, read gzip.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a <see cref="CompressionLevel"/>.</exception>
    public static TransformStream CreateGzip(EventLoop loop, CompressionLevel level = CompressionLevel.Optimal) =>
        Compressor(loop, ZlibFormat.Gzip, level);

    /// <summary>Decompresses gzip, as Node's <c>zlib.createGunzip()</c>: several members one after another are read as one.</summary>
    /// <param name="loop">The loop that runs the stream; the work runs on its pool.</param>
    /// <returns>A stream: write gzip, read the bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public static TransformStream CreateGunzip(EventLoop loop) => Decompressor(loop, ZlibFormat.Gzip);

    /// <summary>Compresses to the zlib format (RFC 1950), as Node's <c>zlib.createDeflate()</c>.</summary>
    /// <param name="loop">The loop that runs the stream; the work runs on its pool.</param>
    /// <param name="level">As for <see cref="CreateGzip"/>.</param>
    /// <returns>A stream: write uncompressed bytes, read zlib data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a <see cref="CompressionLevel"/>.</exception>
    public static TransformStream CreateDeflate(EventLoop loop, CompressionLevel level = CompressionLevel.Optimal) =>
        Compressor(loop, ZlibFormat.Zlib, level);

    /// <summary>Decompresses the zlib format, as Node's <c>zlib.createInflate()</c>.</summary>
    /// <param name="loop">The loop that runs the stream; the work runs on its pool.</param>
    /// <returns>A stream: write zlib data, read the bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public static TransformStream CreateInflate(EventLoop loop) => Decompressor(loop, ZlibFormat.Zlib);

    /// <summary>Compresses to raw deflate (RFC 1951, no header nor checksum), as Node's <c>zlib.createDeflateRaw()</c>.</summary>
    /// <param name="loop">The loop that runs the stream; the work runs on its pool.</param>
    /// <param name="level">As for <see cref="CreateGzip"/>.</param>
    /// <returns>A stream: write uncompressed bytes, read raw deflate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a <see cref="CompressionLevel"/>.</exception>
    public static TransformStream CreateDeflateRaw(EventLoop loop, CompressionLevel level = CompressionLevel.Optimal) =>
        Compressor(loop, ZlibFormat.Raw, level);

    /// <summary>Decompresses raw deflate, as Node's <c>zlib.createInflateRaw()</c>.</summary>
    /// <param name="loop">The loop that runs the stream; the work runs on its pool.</param>
    /// <returns>A stream: write raw deflate, read the bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public static TransformStream CreateInflateRaw(EventLoop loop) => Decompressor(loop, ZlibFormat.Raw);

    /// <summary>Decompresses gzip or the zlib format, told apart by the first two bytes, as Node's <c>zlib.createUnzip()</c>.</summary>
    /// <param name="loop">The loop that runs the stream; the work runs on its pool.</param>
    /// <returns>A stream: write gzip or zlib data, read the bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public static TransformStream CreateUnzip(EventLoop loop) => Decompressor(loop, ZlibFormat.Detect);

    /// <summary>Compresses to Brotli (RFC 7932), as Node's <c>zlib.createBrotliCompress()</c>.</summary>
    /// <param name="loop">The loop that runs the stream; the work runs on its pool.</param>
    /// <param name="quality">0 (fastest) to 11 (smallest), Node's <c>BROTLI_PARAM_QUALITY</c>; Node's default is 11.</param>
    /// <param name="window">The window's size as a power of two, 10 to 24, Node's <c>BROTLI_PARAM_LGWIN</c>; Node's default is 22.</param>
    /// <returns>A stream: write uncompressed bytes, read Brotli.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quality"/> or <paramref name="window"/> is out of its range.</exception>
    public static TransformStream CreateBrotliCompress(EventLoop loop, int quality = DefaultBrotliQuality, int window = DefaultBrotliWindow)
    {
        ArgumentNullException.ThrowIfNull(loop);
        VerifyBrotli(quality, window);
        return new BrotliCompressor(quality, window).CreateStream(loop);
    }

    /// <summary>Decompresses Brotli, as Node's <c>zlib.createBrotliDecompress()</c>.</summary>
    /// <param name="loop">The loop that runs the stream; the work runs on its pool.</param>
    /// <returns>A stream: write Brotli, read the bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public static TransformStream CreateBrotliDecompress(EventLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return new BrotliDecompressor().CreateStream(loop);
    }

    private static TransformStream Compressor(EventLoop loop, ZlibFormat format, CompressionLevel level)
    {
        ArgumentNullException.ThrowIfNull(loop);
        VerifyLevel(level);
        return new DeflateCompressor(format, level).CreateStream(loop);
    }

    private static TransformStream Decompressor(EventLoop loop, ZlibFormat format)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return new DeflateDecompressor(format).CreateStream(loop);
    }

    private static void VerifyLevel(CompressionLevel level)
    {
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Not a CompressionLevel.");
        }
    }

    private static void VerifyBrotli(int quality, int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 11);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, 24);
    }
}
