namespace Loopwire;

/// <summary>
/// A readable stream whose chunks nothing writes to after they are emitted: the runtime's own streams, which read into
/// a fresh array each time, and <see cref="TransformStream"/>, whose <see cref="TransformStream.Push"/> asks as much of
/// its callers. A destination may then keep a chunk instead of copying it (see <see cref="IChunkKeeper"/>).
/// </summary>
internal interface IFreshChunkSource : IReadableStream;
