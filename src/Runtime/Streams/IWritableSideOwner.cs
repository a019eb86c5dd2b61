namespace Loopwire;

/// <summary>The stream a <see cref="WritableSide"/> writes for: its user code, its state, and its events.</summary>
internal interface IWritableSideOwner
{
    /// <summary>Whether the stream was destroyed: nothing more is written, and late callbacks are ignored.</summary>
    bool IsDestroyed { get; }

    /// <summary>Hands one chunk to the stream's user code, which calls <paramref name="done"/> once.</summary>
    void WriteChunk(byte[] chunk, StreamCallback done);

    /// <summary>After the last chunk: runs the stream's closing code, which calls <paramref name="done"/> once.</summary>
    void WriteFinal(StreamCallback done);

    /// <summary>User code failed: the stream is destroyed with <paramref name="error"/>.</summary>
    void Destroy(Exception error);

    /// <summary>The chunks that reached the mark have all been written: time for 'drain' (after the current callback).</summary>
    void Drained();

    /// <summary>Every chunk is written and the final code is done: time for 'finish'.</summary>
    void Finished();
}
