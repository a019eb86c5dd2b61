namespace Loopwire;

/// <summary>
/// A stream both readable and writable, as Node's <c>stream.Duplex</c>: what sits between a pipeline's source and
/// destination (see <see cref="StreamPipeline"/>). <see cref="TransformStream"/>, <see cref="Net.TcpSocket"/> and
/// <see cref="Net.TlsSocket"/> are duplex streams.
/// </summary>
public interface IDuplexStream : IReadableStream, IWritableStream;
