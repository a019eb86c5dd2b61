namespace Loopwire;

/// <summary>
/// A stream of bytes to read: the part of Node's <c>stream.Readable</c> that <see cref="StreamPipe.Pipe"/>,
/// <see cref="StreamPipeline"/> and <see cref="StreamReading.ReadAllAsync"/> need.
/// <see cref="Net.TcpSocket"/>, <see cref="Net.TlsSocket"/>, <see cref="FileReadStream"/>,
/// <see cref="Processes.ProcessReadable"/> (a child's stdout and stderr, and <see cref="EventLoop.Stdin"/>) and
/// <see cref="TransformStream"/> are readable streams; their own <c>On</c> surface has the same events, typed.
/// </summary>
public interface IReadableStream : IStream
{
    /// <summary>Whether <c>end</c> has been emitted: every chunk was read (Node's <c>readableEnded</c>).</summary>
    bool IsEnded { get; }

    /// <summary>Stops <c>data</c> events until <see cref="Resume"/>, as Node's <c>readable.pause()</c>.</summary>
    void Pause();

    /// <summary>Emits <c>data</c> again after <see cref="Pause"/>, as Node's <c>readable.resume()</c>.</summary>
    void Resume();

    /// <summary>Adds a <c>data</c> listener: it gets each chunk, a fresh array it may keep.</summary>
    /// <param name="listener">Runs on the loop thread.</param>
    void AddDataListener([RunsOnLoop] Action<ReadOnlyMemory<byte>> listener);

    /// <summary>Adds an <c>end</c> listener: it runs once, after the last chunk.</summary>
    /// <param name="listener">Runs on the loop thread.</param>
    void AddEndListener([RunsOnLoop] Action listener);

    /// <summary>Removes a <c>data</c> listener added with <see cref="AddDataListener"/>, as Node's <c>off('data', listener)</c>.</summary>
    /// <param name="listener">The listener, as added.</param>
    void RemoveDataListener(Action<ReadOnlyMemory<byte>> listener);

    /// <summary>Removes an <c>end</c> listener added with <see cref="AddEndListener"/>.</summary>
    /// <param name="listener">The listener, as added.</param>
    void RemoveEndListener(Action listener);
}
