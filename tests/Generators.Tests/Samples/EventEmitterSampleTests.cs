namespace Loopwire.Generators.Tests.Samples;

/// <summary>samples/EventEmitter prints what its Node twin main.js prints (the seed's three lines).</summary>
public sealed class EventEmitterSampleTests
{
    private static readonly string[] SeedOutput = ["连接成功~~~", "数据接收完毕。", "程序执行完毕。"];

    private static string Sample => SampleRunner.Assembly("EventEmitterSample");

    [Fact]
    public async Task The_sample_prints_the_seed_output()
    {
        Assert.Equal(SeedOutput, await SampleRunner.RunDotnetAsync(Sample));
    }

    [Fact]
    public async Task The_sample_and_its_node_twin_print_the_same_lines()
    {
        // The comparison needs Node; without it, the test above still pins the seed's output.
        if (await SampleRunner.RunNodeAsync(Sample, "main.js") is { } node)
        {
            Assert.Equal(node, await SampleRunner.RunDotnetAsync(Sample));
        }
    }
}
