namespace Loopwire.Generators.Tests.Samples;

/// <summary>samples/Heartbeat, wired by attributes, prints what its Node twin heartbeat.js, wired by hand, prints.</summary>
public sealed class HeartbeatSampleTests
{
    private static readonly string[] Output =
    [
        "welcome, alice",
        "welcome, bob",
        "welcome, carol",
        "heartbeat 1: 3 visitors",
        "heartbeat 2: 3 visitors",
        "heartbeat 3: 3 visitors",
        "done",
    ];

    private static string Sample => SampleRunner.Assembly("HeartbeatSample");

    [Fact]
    public async Task The_sample_greets_then_beats_three_times_and_ends()
    {
        // N1: carol's next tick runs before the loop's first iteration; L6: the interval repeats; L1: disposing
        // the registration from the third beat leaves nothing to keep the loop alive
        Assert.Equal(Output, await SampleRunner.RunDotnetAsync(Sample));
    }

    [Fact]
    public async Task The_sample_and_its_node_twin_print_the_same_lines()
    {
        if (await SampleRunner.RunNodeAsync(Sample, "heartbeat.js") is { } node)
        {
            Assert.Equal(node, await SampleRunner.RunDotnetAsync(Sample));
        }
    }
}
