using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Xunit;

namespace Loopwire.Analyzers.Tests;

/// <summary>
/// The CI contract: building samples/AnalyzerDemo with <c>-warnaserror</c> and a SARIF log fails with exactly
/// one diagnostic per deliberate violation, at the expected place.
/// </summary>
public sealed class AnalyzerDemoBuildTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Building_the_demo_with_warnaserror_fails_with_exactly_the_expected_diagnostics()
    {
        var repository = FindRepositoryRoot();
        var workDirectory = Directory.CreateTempSubdirectory("loopwire-analyzer-demo-");
        try
        {
            var sarif = Path.Combine(workDirectory.FullName, "demo.sarif");
            var (exitCode, output) = await RunDotnetBuildAsync(
                repository,
                Path.Combine("samples", "AnalyzerDemo", "AnalyzerDemo.csproj"),
                "-warnaserror",
                "-c", "Release",
                "--artifacts-path", Path.Combine(workDirectory.FullName, "artifacts"),
                // ',' and '=' would split the MSBuild property; escaped, the compiler receives "path,version=2.1".
                $"-p:ErrorLog={sarif}%2Cversion%3D2.1");

            Assert.True(exitCode != 0, "The demo must not build cleanly:\n" + output);
            Assert.True(File.Exists(sarif), "No SARIF log was written:\n" + output);
            string[] expected =
            [
                "LW1001 Metrics.cs(21,57)",
                "LW1001 Metrics.cs(26,62)",
                "LW1001 Program.cs(10,45)",
                "LW1002 Program.cs(13,47)",
                "LW1003 Program.cs(16,26)",
                "LW1004 Program.cs(19,25)",
                "LW1005 Program.cs(22,21)",
                "LW1006 Metrics.cs(16,9)",
                "LW1007 Loopwire.BlockingApis.txt(4,1)",
            ];
            Assert.Equal(expected, ReadErrors(sarif));
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
    }

    /// <summary>The SARIF 2.1 results at error level, as "ID File(line,column)", sorted.</summary>
    private static string[] ReadErrors(string sarifPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(sarifPath));
        var errors = new List<string>();
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                if (result.GetProperty("level").GetString() != "error")
                    continue;
                var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                var file = Path.GetFileName(new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath);
                var region = location.GetProperty("region");
                errors.Add($"{result.GetProperty("ruleId").GetString()} {file}({region.GetProperty("startLine").GetInt32()},{region.GetProperty("startColumn").GetInt32()})");
            }
        }

        errors.Sort(StringComparer.Ordinal);
        return [.. errors];
    }

    private static async Task<(int ExitCode, string Output)> RunDotnetBuildAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("build");
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        // The test host runs under MSBuild's environment; the child build must pick its own.
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);

        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(BuildTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet build did not finish within {BuildTimeout}.");
        }

        return (process.ExitCode, await standardOutput + await standardError);
    }

    private static string FindRepositoryRoot() =>
        typeof(AnalyzerDemoBuildTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "RepositoryRoot").Value!;
}
