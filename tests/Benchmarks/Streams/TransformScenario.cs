using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.Streams;

/// <summary>
/// The stream machinery's cost per chunk: 65,536 writes of 1 KiB into <see cref="TransformStream.PassThrough"/>, made
/// as fast as its backpressure lets them (until <c>Write</c> returns false, then again at <c>drain</c>), its output
/// counted by a 'data' listener, as Node's <c>stream.PassThrough</c>. Everything runs on the loop thread, so nothing
/// but the streams is measured. One operation is one 1 KiB chunk through.
/// </summary>
public sealed class TransformScenario : CompareScenario
{
    private const int ChunkSize = 1024;
    private const int Writes = 64 * 1024;

    private static readonly byte[] Chunk = new byte[ChunkSize];

    private readonly EventLoop _loop = new();

    public override string Name => "transform";

    public override string NodeScript => "transform.js";

    public override long Operations => Writes;

    public override void Run()
    {
        TransformStream passThrough = TransformStream.PassThrough(_loop);
        long received = 0;
        passThrough.On.Data(chunk => received += chunk.Length);
        int written = 0;
        void WriteOn()
        {
            while (written < Writes)
            {
                written++;
                if (!passThrough.Write(Chunk))
                {
                    return; // on at 'drain'
                }
            }

            passThrough.End();
        }

        passThrough.On.Drain(WriteOn);
        WriteOn();
        _loop.Run();
        if (received != (long)ChunkSize * Writes)
        {
            throw new InvalidOperationException($"The transform passed {received} bytes of {(long)ChunkSize * Writes}.");
        }
    }
}
