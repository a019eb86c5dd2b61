using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Loopwire.Generators.Tests.Samples;

/// <summary>samples/EventEmitter prints what its Node twin main.js prints (the seed's three lines).</summary>
public sealed class EventEmitterSampleTests
{
    private static readonly string[] SeedOutput = ["连接成功~~~", "数据接收完毕。", "程序执行完毕。"];

    [Fact]
    public async Task The_sample_prints_the_seed_output()
    {
        var output = await RunAsync("dotnet", SampleAssembly());
        Assert.Equal(SeedOutput, Lines(output));
    }

    [Fact]
    public async Task The_sample_and_its_node_twin_print_the_same_lines()
    {
        // The comparison needs Node; without it, the test above still pins the seed's output.
        if (FindOnPath("node") is not { } node)
        {
            return;
        }

        var loopwire = await RunAsync("dotnet", SampleAssembly());
        var script = Path.Combine(Path.GetDirectoryName(SampleAssembly())!, "main.js");
        var nodeOutput = await RunAsync(node, script);

        Assert.Equal(Lines(nodeOutput), Lines(loopwire));
    }

    private static string SampleAssembly() =>
        typeof(EventEmitterSampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "EventEmitterSample").Value!;

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    private static async Task<string> RunAsync(string fileName, string argument)
    {
        var start = new ProcessStartInfo(fileName, [argument])
        {
            RedirectStandardOutput = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
