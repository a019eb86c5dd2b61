using System.Text.Json;
using Loopwire.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Loopwire.Analyzers.Tests;

/// <summary>
/// The CI contract: building samples/AnalyzerDemo with <c>-warnaserror</c> and a SARIF log fails with exactly
/// one diagnostic per deliberate violation, at the expected place.
/// </summary>
public sealed class AnalyzerDemoBuildTests
{
    [Fact]
    public async Task Building_the_demo_with_warnaserror_fails_with_exactly_the_expected_diagnostics()
    {
        var workDirectory = Directory.CreateTempSubdirectory("loopwire-analyzer-demo-");
        try
        {
            var sarif = Path.Combine(workDirectory.FullName, "demo.sarif");
            var (exitCode, output) = await DotnetCli.RunAsync(
                DotnetCli.RepositoryRoot,
                [
                    "build",
                    Path.Combine("samples", "AnalyzerDemo", "AnalyzerDemo.csproj"),
                    "-warnaserror",
                    "-c", "Release",
                    "--artifacts-path", Path.Combine(workDirectory.FullName, "artifacts"),
                    // ',' and '=' would split the MSBuild property; escaped, the compiler receives "path,version=2.1".
                    $"-p:ErrorLog={sarif}%2Cversion%3D2.1",
                ]);

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
}
