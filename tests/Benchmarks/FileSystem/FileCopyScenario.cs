using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.FileSystem;

/// <summary>
/// A file copied through streams on one loop: a 64 MiB file read with <c>CreateReadStream</c> and piped into
/// <c>CreateWriteStream</c>, with the pipe's backpressure, as Node's <c>fs.createReadStream(a).pipe(fs.createWriteStream(b))</c>.
/// Both ends run on the work pool, as libuv runs file I/O. The run is over at the destination's 'close'. One operation
/// is one 64 KiB chunk copied. The source stays in the temporary directory for later runs (the page cache serves
/// it); each copy is deleted once checked.
/// </summary>
public sealed class FileCopyScenario : CompareScenario
{
    private const int ChunkSize = 64 * 1024;
    private const int TotalBytes = 64 * 1024 * 1024;

    private readonly EventLoop _loop = new();
    private readonly string _source = Path.Combine(Path.GetTempPath(), "loopwire-file-copy.bin");
    private readonly string _destination = Path.Combine(Path.GetTempPath(), $"loopwire-file-copy-{Environment.ProcessId}.copy");

    public FileCopyScenario()
    {
        if (!File.Exists(_source) || new FileInfo(_source).Length != TotalBytes)
        {
            File.WriteAllBytes(_source, new byte[TotalBytes]);
        }
    }

    public override string Name => "file-copy";

    public override string NodeScript => "file-copy.js";

    public override long Operations => TotalBytes / ChunkSize;

    public override void Run()
    {
        Exception? failure = null;
        StreamPipeline.Run(_loop.Fs.CreateReadStream(_source), _loop.Fs.CreateWriteStream(_destination), error => failure = error);
        _loop.Run();
        long copied = new FileInfo(_destination).Length;
        File.Delete(_destination);
        if (failure is not null || copied != TotalBytes)
        {
            throw new InvalidOperationException($"The copy failed: {failure?.Message ?? $"{copied} bytes of {TotalBytes}"}.");
        }
    }
}
