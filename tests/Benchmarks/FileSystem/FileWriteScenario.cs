using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.FileSystem;

/// <summary>
/// Many small writes to a file stream on one loop: 65,536 writes of 1 KiB, made as fast as the stream's backpressure
/// lets them (until <c>Write</c> returns false, then again at <c>drain</c>), as Node's
/// <c>fs.createWriteStream(path).write(chunk)</c>; the run is over at the stream's 'close'. Writes run on the work
/// pool, as libuv runs file I/O. One operation is one 1 KiB write.
/// </summary>
public sealed class FileWriteScenario : CompareScenario
{
    private const int ChunkSize = 1024;
    private const int Writes = 64 * 1024;

    private static readonly byte[] Chunk = new byte[ChunkSize];

    private readonly EventLoop _loop = new();
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"loopwire-file-write-{Environment.ProcessId}.bin");

    public override string Name => "file-write";

    public override string NodeScript => "file-write.js";

    public override long Operations => Writes;

    public override void Run()
    {
        FileWriteStream stream = _loop.Fs.CreateWriteStream(_path);
        int written = 0;
        void WriteOn()
        {
            while (written < Writes)
            {
                written++;
                if (!stream.Write(Chunk))
                {
                    return; // on at 'drain'
                }
            }

            stream.End();
        }

        stream.On.Drain(WriteOn);
        WriteOn();
        _loop.Run();
        long length = new FileInfo(_path).Length;
        File.Delete(_path);
        if (length != (long)ChunkSize * Writes)
        {
            throw new InvalidOperationException($"The file holds {length} bytes of {(long)ChunkSize * Writes}.");
        }
    }
}
