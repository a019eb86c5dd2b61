namespace Loopwire;

/// <content>Piping into a file write stream, with backpressure.</content>
public sealed partial class FileReadStream
{
    /// <summary>
    /// Writes every chunk of this stream to <paramref name="destination"/> and ends it after the last, as Node's
    /// <c>readable.pipe(destination)</c>: when <see cref="FileWriteStream.Write(ReadOnlyMemory{byte})"/> returns false
    /// this stream is paused, and 'drain' resumes it, so no more than about the destination's high-water mark (plus
    /// one chunk) waits in memory.
    /// </summary>
    /// <param name="destination">The stream to write to.</param>
    /// <returns><paramref name="destination"/>, as in Node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <remarks>As in Node, errors are not forwarded: listen for 'error' on both streams.</remarks>
    public FileWriteStream Pipe(FileWriteStream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        On.Data(chunk =>
        {
            if (!destination.Write(chunk))
            {
                Pause();
            }
        });
        On.End(destination.End);
        destination.On.Drain(() => Resume());
        return destination;
    }
}
