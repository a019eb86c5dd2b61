namespace Loopwire;

/// <summary>
/// A stream of bytes to write: the part of Node's <c>stream.Writable</c> that <see cref="StreamPipe.Pipe"/> and
/// <see cref="StreamPipeline"/> need.
/// <see cref="Net.TcpSocket"/>, <see cref="Net.TlsSocket"/>, <see cref="FileWriteStream"/>,
/// <see cref="Processes.ProcessWritable"/> (a child's stdin), <see cref="SyncWriteStream"/> (<see cref="EventLoop.Stdout"/>
/// and <see cref="EventLoop.Stderr"/>), <see cref="TransformStream"/> and <see cref="WritableStream"/> are writable streams.
/// </summary>
public interface IWritableStream : IStream
{
    /// <summary>Whether <c>finish</c> has been emitted: every byte was written after <see cref="End"/> (Node's <c>writableFinished</c>).</summary>
    bool IsFinished { get; }

    /// <summary>Whether <see cref="Write"/> may still be called: not ended, closed or failed (Node's <c>writable.writable</c>).</summary>
    bool IsWritable { get; }

    /// <summary>
    /// Queues <paramref name="data"/>, copying it; returns false once the stream's buffer is at its high-water mark,
    /// after which the caller should wait for <c>drain</c>.
    /// </summary>
    /// <param name="data">The bytes to write.</param>
    /// <returns>Whether the caller may go on writing before <c>drain</c>.</returns>
    bool Write(ReadOnlyMemory<byte> data);

    /// <summary>Ends the stream once what was queued is written.</summary>
    void End();

    /// <summary>Adds a <c>drain</c> listener: it runs each time the buffer empties after <see cref="Write"/> returned false.</summary>
    /// <param name="listener">Runs on the loop thread.</param>
    void AddDrainListener([RunsOnLoop] Action listener);

    /// <summary>Removes a <c>drain</c> listener added with <see cref="AddDrainListener"/>.</summary>
    /// <param name="listener">The listener, as added.</param>
    void RemoveDrainListener(Action listener);

    /// <summary>Adds a <c>finish</c> listener: it runs once, after <see cref="End"/>, when every byte has been written.</summary>
    /// <param name="listener">Runs on the loop thread.</param>
    void AddFinishListener([RunsOnLoop] Action listener);
}
