using System.Globalization;
using Loopwire.Benchmarks.Compare;
using Loopwire.Processes;

namespace Loopwire.Benchmarks.Processes;

/// <summary>
/// A child's output read through its stdout pipe on one loop: <c>head -c 268435456 /dev/zero</c> prints 256 MiB,
/// which stdout's 'data' listener counts, so it measures the loop's pipe path with a child that keeps the pipe full
/// (on Linux, the epoll backend) rather than the spawn. The run is over at the child's 'close', once it has exited and
/// its output has ended. One operation is one 64 KiB chunk's worth of bytes delivered, however the reads split them.
/// </summary>
public sealed class ChildOutputScenario : CompareScenario
{
    private const int ChunkSize = 64 * 1024;
    private const long TotalBytes = 256L * 1024 * 1024;

    // One loop for every run, as Node has.
    private readonly EventLoop _loop = new();

    public override string Name => "child-output";

    public override string NodeScript => "child-output.js";

    public override long Operations => TotalBytes / ChunkSize;

    public override void Run()
    {
        var child = ChildProcess.Spawn(_loop, "head", ["-c", TotalBytes.ToString(CultureInfo.InvariantCulture), "/dev/zero"]);
        long received = 0;
        child.Stdout!.On.Data(chunk => received += chunk.Length);
        _loop.Run();
        if (received != TotalBytes || child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The child printed {received} bytes of {TotalBytes} and exited with {child.ExitCode}.");
        }
    }
}
