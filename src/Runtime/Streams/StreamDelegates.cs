namespace Loopwire;

/// <summary>
/// Reports that a stream's user code is done with a chunk or with the end: the callback Node passes to a Transform's
/// <c>transform</c> and <c>flush</c> and a Writable's <c>write</c> and <c>final</c>. Call it with no argument when it
/// succeeded, with an error to destroy the stream with it; once, on the loop thread.
/// </summary>
/// <param name="error">What went wrong, or null.</param>
public delegate void StreamCallback(Exception? error = null);

/// <summary>
/// Transforms one written chunk, as Node's <c>transform(chunk, encoding, callback)</c>: pushes what it makes with
/// <see cref="TransformStream.Push"/>, now or later, then calls <paramref name="callback"/> once. The next chunk waits
/// for the callback, so chunks are transformed one at a time, in order; the work may be asynchronous (on the work pool,
/// for instance) as long as the callback comes back on the loop thread.
/// </summary>
/// <param name="stream">The stream the chunk was written to: push to it.</param>
/// <param name="chunk">The chunk, the transform's to keep: nothing else writes to it.</param>
/// <param name="callback">Call once, on the loop thread, when the chunk is done.</param>
public delegate void TransformChunk(TransformStream stream, ReadOnlyMemory<byte> chunk, StreamCallback callback);

/// <summary>
/// Runs once after the last chunk is transformed, before the readable side ends, as Node's <c>flush(callback)</c>:
/// pushes what the transform still holds (a compressor's last block, a parser's last line), then calls
/// <paramref name="callback"/>.
/// </summary>
/// <param name="stream">The stream to push to.</param>
/// <param name="callback">Call once, on the loop thread, when done.</param>
public delegate void TransformFlush(TransformStream stream, StreamCallback callback);

/// <summary>
/// Writes one chunk to wherever a <see cref="WritableStream"/> sends its bytes, as Node's
/// <c>write(chunk, encoding, callback)</c>, then calls <paramref name="callback"/> once, now or later. The next chunk
/// waits for the callback, so chunks are written one at a time, in order.
/// </summary>
/// <param name="stream">The stream the chunk was written to.</param>
/// <param name="chunk">The chunk, the writer's to keep: nothing else writes to it.</param>
/// <param name="callback">Call once, on the loop thread, when the chunk is written.</param>
public delegate void WriteChunk(WritableStream stream, ReadOnlyMemory<byte> chunk, StreamCallback callback);

/// <summary>
/// Runs once after the last chunk is written, before 'finish', as Node's <c>final(callback)</c>: flushes or closes
/// whatever the stream writes to, then calls <paramref name="callback"/>.
/// </summary>
/// <param name="stream">The stream that ended.</param>
/// <param name="callback">Call once, on the loop thread, when done.</param>
public delegate void WriteFinal(WritableStream stream, StreamCallback callback);
