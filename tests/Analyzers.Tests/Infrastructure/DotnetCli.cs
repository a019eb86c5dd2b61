using System.Diagnostics;
using System.Reflection;

namespace Loopwire.Analyzers.Tests.Infrastructure;

/// <summary>Runs dotnet CLI commands (build, pack) as child processes, as a user would in a terminal.</summary>
internal static class DotnetCli
{
    // A safety net for a hung build, far above the seconds a build takes on a busy machine.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <summary>The repository root, recorded by the test project, wherever the tests' output lands.</summary>
    public static string RepositoryRoot { get; } =
        typeof(DotnetCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "RepositoryRoot").Value!;

    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="directory"/>, with
    /// <paramref name="environment"/> added, and returns its exit code and everything it printed.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string directory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The test host runs under MSBuild's environment; the child build must pick its own.
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {Limit}.");
        }

        return (process.ExitCode, await standardOutput + await standardError);
    }
}
