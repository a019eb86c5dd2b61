namespace Loopwire;

/// <content>File streams: Node's fs.createReadStream and fs.createWriteStream.</content>
public sealed partial class Fs
{
    /// <summary>
    /// Reads a file as a stream, as Node's <c>fs.createReadStream(path, { start, end, highWaterMark })</c>: the
    /// file is opened on the pool and read from <paramref name="start"/> to <paramref name="end"/> (inclusive), each
    /// read's bytes emitted as 'data' on the loop.
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <param name="start">The offset of the first byte to read.</param>
    /// <param name="end">The offset of the last byte to read (inclusive, as in Node), or null to read to the end of the file.</param>
    /// <param name="highWaterMark">The most bytes one read asks for, so the largest 'data' chunk: Node's 64 KiB by default.</param>
    /// <returns>The stream; subscribe with <c>stream.On.Data(chunk =&gt; ...)</c> before returning to the loop.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="start"/> is negative, <paramref name="end"/> is before <paramref name="start"/>, or
    /// <paramref name="highWaterMark"/> is less than 1.
    /// </exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public FileReadStream CreateReadStream(string path, long start = 0, long? end = null, int highWaterMark = 64 * 1024)
    {
        ThrowIfInvalidPath(path);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The end ({end}) is before the start ({start}); end is the offset of the last byte to read, inclusive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(highWaterMark, 1);
        return new FileReadStream(_loop, path, start, end, highWaterMark);
    }

    /// <summary>
    /// Writes a file as a stream, as Node's <c>fs.createWriteStream(path, { flags, highWaterMark })</c>: the file is
    /// opened on the pool and each write is written there, in order, one at a time.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="flags">Node's open flags, as for <see cref="Open"/>: <c>w</c> (created or truncated) by default, <c>a</c> to append.</param>
    /// <param name="highWaterMark">Queued bytes at which <c>Write</c> starts returning false: Node's 16 KiB by default.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="flags"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a null character, or <paramref name="flags"/> is not one of Node's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="highWaterMark"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public FileWriteStream CreateWriteStream(string path, string flags = "w", int highWaterMark = 16 * 1024)
    {
        ThrowIfInvalidPath(path);
        ArgumentNullException.ThrowIfNull(flags);
        OpenFlags parsed = OpenFlags.Parse(flags, nameof(flags));
        ArgumentOutOfRangeException.ThrowIfLessThan(highWaterMark, 1);
        return new FileWriteStream(_loop, path, parsed, highWaterMark);
    }
}
