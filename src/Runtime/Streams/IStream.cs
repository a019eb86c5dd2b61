namespace Loopwire;

/// <summary>
/// What every stream has, readable or writable: the part of Node's streams that <see cref="StreamPipeline"/> and
/// <see cref="StreamReading.ReadAllAsync"/> need to end them early and to learn how they ended.
/// </summary>
public interface IStream
{
    /// <summary>The loop the stream belongs to: its events are emitted on this loop's thread.</summary>
    EventLoop Loop { get; }

    /// <summary>Whether the stream is done, by <see cref="Destroy"/>, an error, or its end (Node's <c>destroyed</c>).</summary>
    bool IsDestroyed { get; }

    /// <summary>
    /// Stops the stream now, as Node's <c>stream.destroy(error)</c>: what is buffered is dropped, then <c>error</c> is
    /// emitted (if <paramref name="error"/> is given), then <c>close</c>. Does nothing on a stream already destroyed.
    /// </summary>
    /// <param name="error">The error to emit, or null to close without one.</param>
    void Destroy(Exception? error = null);

    /// <summary>Adds an <c>error</c> listener; with one, an error is no longer thrown on the loop (E2).</summary>
    /// <param name="listener">Runs on the loop thread.</param>
    void AddErrorListener([RunsOnLoop] Action<Exception> listener);

    /// <summary>Adds a <c>close</c> listener: it runs once, last, however the stream ended.</summary>
    /// <param name="listener">Runs on the loop thread.</param>
    void AddCloseListener([RunsOnLoop] Action listener);
}
