using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.Loop;

/// <summary>100k stats of one file through the work pool, each completing on the loop (L12).</summary>
public sealed class PoolRoundtripScenario : CompareScenario
{
    // One loop for every run, as Node has: its queues are grown by the warm-up run.
    private readonly EventLoop _loop = new();

    private const int Stats = 100_000;

    public override string Name => "pool-roundtrip";

    public override string NodeScript => "pool-roundtrip.js";

    public override long Operations => Stats;

    public override void Run()
    {
        EventLoop loop = _loop;
        string path = typeof(PoolRoundtripScenario).Assembly.Location;
        int completed = 0;
        Action<Exception?, FileStat> done = (error, _) =>
        {
            if (error is not null)
            {
                throw error;
            }

            completed++;
        };
        for (int i = 0; i < Stats; i++)
        {
            loop.Fs.Stat(path, done);
        }

        loop.Run();
    }
}
