using System.Text;
using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.Streams;

/// <summary>
/// A 64 MiB text file read with <c>CreateReadStream</c>, gzipped with <c>Zlib.CreateGzip</c> at the default level and
/// written to a sink that drops it, through <c>StreamPipeline</c>, as Node's
/// <c>pipeline(fs.createReadStream(a), zlib.createGzip(), new Writable(...))</c>. The compression runs on the work pool,
/// one chunk at a time, as Node runs zlib on libuv's threadpool. One operation is one 64 KiB chunk gzipped. The source
/// (numbered lines, about 14:1 in gzip) stays in the temporary directory for later runs.
/// </summary>
public sealed class GzipScenario : CompareScenario
{
    private const int ChunkSize = 64 * 1024;
    private const int TotalBytes = 64 * 1024 * 1024;

    private readonly EventLoop _loop = new();
    private readonly string _source = Path.Combine(Path.GetTempPath(), "loopwire-gzip.txt");

    public GzipScenario()
    {
        if (!File.Exists(_source) || new FileInfo(_source).Length != TotalBytes)
        {
            var text = new StringBuilder(TotalBytes + 64);
            for (int line = 0; text.Length < TotalBytes; line++)
            {
                text.Append(line).Append(" loopwire gzip benchmark line\n");
            }

            File.WriteAllBytes(_source, Encoding.ASCII.GetBytes(text.ToString(0, TotalBytes)));
        }
    }

    public override string Name => "gzip";

    public override string NodeScript => "gzip.js";

    public override long Operations => TotalBytes / ChunkSize;

    public override void Run()
    {
        Exception? failure = null;
        long compressed = 0;
        var sink = new WritableStream(_loop, (_, chunk, callback) =>
        {
            compressed += chunk.Length;
            callback();
        });
        StreamPipeline.Run(_loop.Fs.CreateReadStream(_source), [Zlib.CreateGzip(_loop)], sink, error => failure = error);
        _loop.Run();
        if (failure is not null || compressed == 0)
        {
            throw new InvalidOperationException($"The gzip failed: {failure?.Message ?? "no output"}.");
        }
    }
}
