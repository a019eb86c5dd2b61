using System.IO.Compression;

namespace Loopwire;

/// <summary>Node's one-shot forms, promisified (<c>util.promisify(zlib.gzip)</c>): a whole buffer in one request on the work pool.</summary>
public static partial class Zlib
{
    /// <summary>Gzips <paramref name="data"/>, as Node's <c>zlib.gzip(buffer, callback)</c>.</summary>
    /// <param name="loop">The loop whose pool runs the work; the task completes on its thread.</param>
    /// <param name="data">The bytes, read on the pool: leave them unchanged until the task completes.</param>
    /// <param name="level">As for <see cref="CreateGzip"/>.</param>
    /// <param name="cancellationToken">Cancels the work while it is still queued.</param>
    /// <returns>The gzip.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a <see cref="CompressionLevel"/>.</exception>
    public static Task<byte[]> GzipAsync(EventLoop loop, ReadOnlyMemory<byte> data, CompressionLevel level = CompressionLevel.Optimal, CancellationToken cancellationToken = default) =>
        CompressAsync(loop, ZlibFormat.Gzip, data, level, cancellationToken);

    /// <summary>Decompresses gzip, as Node's <c>zlib.gunzip(buffer, callback)</c>.</summary>
    /// <param name="loop">The loop whose pool runs the work; the task completes on its thread.</param>
    /// <param name="data">The gzip, read on the pool: leave it unchanged until the task completes.</param>
    /// <param name="cancellationToken">Cancels the work while it is still queued.</param>
    /// <returns>The bytes; a <see cref="ZlibException"/> when <paramref name="data"/> is not whole gzip, as <see cref="CreateGunzip"/> reports it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public static Task<byte[]> GunzipAsync(EventLoop loop, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        DecompressAsync(loop, ZlibFormat.Gzip, data, cancellationToken);

    /// <summary>Compresses to the zlib format, as Node's <c>zlib.deflate(buffer, callback)</c>.</summary>
    /// <param name="loop">The loop whose pool runs the work; the task completes on its thread.</param>
    /// <param name="data">The bytes, read on the pool: leave them unchanged until the task completes.</param>
    /// <param name="level">As for <see cref="CreateGzip"/>.</param>
    /// <param name="cancellationToken">Cancels the work while it is still queued.</param>
    /// <returns>The zlib data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a <see cref="CompressionLevel"/>.</exception>
    public static Task<byte[]> DeflateAsync(EventLoop loop, ReadOnlyMemory<byte> data, CompressionLevel level = CompressionLevel.Optimal, CancellationToken cancellationToken = default) =>
        CompressAsync(loop, ZlibFormat.Zlib, data, level, cancellationToken);

    /// <summary>Decompresses the zlib format, as Node's <c>zlib.inflate(buffer, callback)</c>.</summary>
    /// <param name="loop">The loop whose pool runs the work; the task completes on its thread.</param>
    /// <param name="data">The zlib data, read on the pool: leave it unchanged until the task completes.</param>
    /// <param name="cancellationToken">Cancels the work while it is still queued.</param>
    /// <returns>The bytes; a <see cref="ZlibException"/> as <see cref="CreateInflate"/> reports it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public static Task<byte[]> InflateAsync(EventLoop loop, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        DecompressAsync(loop, ZlibFormat.Zlib, data, cancellationToken);

    /// <summary>Compresses to raw deflate, as Node's <c>zlib.deflateRaw(buffer, callback)</c>.</summary>
    /// <param name="loop">The loop whose pool runs the work; the task completes on its thread.</param>
    /// <param name="data">The bytes, read on the pool: leave them unchanged until the task completes.</param>
    /// <param name="level">As for <see cref="CreateGzip"/>.</param>
    /// <param name="cancellationToken">Cancels the work while it is still queued.</param>
    /// <returns>The raw deflate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a <see cref="CompressionLevel"/>.</exception>
    public static Task<byte[]> DeflateRawAsync(EventLoop loop, ReadOnlyMemory<byte> data, CompressionLevel level = CompressionLevel.Optimal, CancellationToken cancellationToken = default) =>
        CompressAsync(loop, ZlibFormat.Raw, data, level, cancellationToken);

    /// <summary>Decompresses raw deflate, as Node's <c>zlib.inflateRaw(buffer, callback)</c>.</summary>
    /// <param name="loop">The loop whose pool runs the work; the task completes on its thread.</param>
    /// <param name="data">The raw deflate, read on the pool: leave it unchanged until the task completes.</param>
    /// <param name="cancellationToken">Cancels the work while it is still queued.</param>
    /// <returns>The bytes; a <see cref="ZlibException"/> as <see cref="CreateInflateRaw"/> reports it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public static Task<byte[]> InflateRawAsync(EventLoop loop, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        DecompressAsync(loop, ZlibFormat.Raw, data, cancellationToken);

    /// <summary>Decompresses gzip or the zlib format, as Node's <c>zlib.unzip(buffer, callback)</c>.</summary>
    /// <param name="loop">The loop whose pool runs the work; the task completes on its thread.</param>
    /// <param name="data">The compressed bytes, read on the pool: leave them unchanged until the task completes.</param>
    /// <param name="cancellationToken">Cancels the work while it is still queued.</param>
    /// <returns>The bytes; a <see cref="ZlibException"/> as <see cref="CreateUnzip"/> reports it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public static Task<byte[]> UnzipAsync(EventLoop loop, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        DecompressAsync(loop, ZlibFormat.Detect, data, cancellationToken);

    /// <summary>Compresses to Brotli, as Node's <c>zlib.brotliCompress(buffer, callback)</c>.</summary>
    /// <param name="loop">The loop whose pool runs the work; the task completes on its thread.</param>
    /// <param name="data">The bytes, read on the pool: leave them unchanged until the task completes.</param>
    /// <param name="quality">As for <see cref="CreateBrotliCompress"/>.</param>
    /// <param name="window">As for <see cref="CreateBrotliCompress"/>.</param>
    /// <param name="cancellationToken">Cancels the work while it is still queued.</param>
    /// <returns>The Brotli.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quality"/> or <paramref name="window"/> is out of its range.</exception>
    public static Task<byte[]> BrotliCompressAsync(EventLoop loop, ReadOnlyMemory<byte> data, int quality = DefaultBrotliQuality, int window = DefaultBrotliWindow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loop);
        VerifyBrotli(quality, window);
        return RunAsync(loop, () => new BrotliCompressor(quality, window), data, cancellationToken);
    }

    /// <summary>Decompresses Brotli, as Node's <c>zlib.brotliDecompress(buffer, callback)</c>.</summary>
    /// <param name="loop">The loop whose pool runs the work; the task completes on its thread.</param>
    /// <param name="data">The Brotli, read on the pool: leave it unchanged until the task completes.</param>
    /// <param name="cancellationToken">Cancels the work while it is still queued.</param>
    /// <returns>The bytes; a <see cref="ZlibException"/> as <see cref="CreateBrotliDecompress"/> reports it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public static Task<byte[]> BrotliDecompressAsync(EventLoop loop, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return RunAsync(loop, static () => new BrotliDecompressor(), data, cancellationToken);
    }

    private static Task<byte[]> CompressAsync(EventLoop loop, ZlibFormat format, ReadOnlyMemory<byte> data, CompressionLevel level, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loop);
        VerifyLevel(level);
        return RunAsync(loop, () => new DeflateCompressor(format, level), data, cancellationToken);
    }

    private static Task<byte[]> DecompressAsync(EventLoop loop, ZlibFormat format, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return RunAsync(loop, () => new DeflateDecompressor(format), data, cancellationToken);
    }

    /// <summary>The codec is made on the pool too, so that work cancelled while queued leaves no native state behind.</summary>
    private static Task<byte[]> RunAsync(EventLoop loop, Func<ZlibCodec> create, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        loop.QueueWorkAsync(static work => work.Create().ConvertAll(work.Data), (Create: create, Data: data), cancellationToken);
}
