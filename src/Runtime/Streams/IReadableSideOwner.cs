namespace Loopwire;

/// <summary>The stream a <see cref="ReadableSide"/> reads for: its state and its events.</summary>
internal interface IReadableSideOwner
{
    /// <summary>Whether the stream was destroyed: nothing more is emitted.</summary>
    bool IsDestroyed { get; }

    /// <summary>Emits one chunk as 'data'.</summary>
    void Data(ReadOnlyMemory<byte> chunk);

    /// <summary>The last chunk was emitted after the end was pushed: time for 'end' (already after the current callback).</summary>
    void Ended();

    /// <summary>The side emitted what waited and has room again: the source may push more.</summary>
    void Drained();
}
