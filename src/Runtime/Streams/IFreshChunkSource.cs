namespace Loopwire;

/// <summary>
/// A readable stream of the runtime's own whose every chunk is a fresh array that nothing writes to after it is
/// emitted, so a destination may keep it instead of copying it (see <see cref="IChunkKeeper"/>).
/// </summary>
internal interface IFreshChunkSource : IReadableStream;
