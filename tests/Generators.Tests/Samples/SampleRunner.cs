using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Loopwire.Generators.Tests.Samples;

/// <summary>Runs a built sample, or its Node twin, and returns what it printed.</summary>
internal static class SampleRunner
{
    /// <summary>The built assembly of the sample recorded under <paramref name="key"/> by the test project.</summary>
    public static string Assembly(string key) =>
        typeof(SampleRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>The sample's output lines; it must exit with 0.</summary>
    public static Task<string[]> RunDotnetAsync(string assembly) => RunAsync("dotnet", assembly);

    /// <summary>The output lines of a Node script beside the sample's assembly, or null when Node is not on PATH.</summary>
    public static async Task<string[]?> RunNodeAsync(string assembly, string script)
    {
        var node = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "node"))
            .FirstOrDefault(File.Exists);
        return node is null ? null : await RunAsync(node, Path.Combine(Path.GetDirectoryName(assembly)!, script));
    }

    private static async Task<string[]> RunAsync(string fileName, string argument)
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
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }
}
