namespace Loopwire;

/// <summary>
/// Reports that a <see cref="TransformStream"/>'s transform or flush is done, as the callback Node passes to
/// <c>_transform</c> and <c>_flush</c>: with no argument when it succeeded, with an error to destroy the stream with it.
/// </summary>
/// <param name="error">What went wrong, or null.</param>
public delegate void TransformCallback(Exception? error = null);

/// <summary>
/// Transforms one written chunk, as Node's <c>transform(chunk, encoding, callback)</c>: pushes what it makes with
/// <see cref="TransformStream.Push"/>, now or later, then calls <paramref name="callback"/> once. The next chunk waits
/// for the callback, so chunks are transformed one at a time, in order; the work may be asynchronous (on the work pool,
/// for instance) as long as the callback comes back on the loop thread.
/// </summary>
/// <param name="stream">The stream the chunk was written to: push to it.</param>
/// <param name="chunk">The chunk, the transform's to keep: nothing else writes to it.</param>
/// <param name="callback">Call once, on the loop thread, when the chunk is done.</param>
public delegate void TransformChunk(TransformStream stream, ReadOnlyMemory<byte> chunk, TransformCallback callback);

/// <summary>
/// Runs once after the last chunk is transformed, before the readable side ends, as Node's <c>flush(callback)</c>:
/// pushes what the transform still holds (a compressor's last block, a parser's last line), then calls
/// <paramref name="callback"/>.
/// </summary>
/// <param name="stream">The stream to push to.</param>
/// <param name="callback">Call once, on the loop thread, when done.</param>
public delegate void TransformFlush(TransformStream stream, TransformCallback callback);
