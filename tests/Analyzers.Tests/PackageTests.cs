using System.Text.RegularExpressions;
using Loopwire.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Loopwire.Analyzers.Tests;

/// <summary>
/// The Loopwire package (DESIGN "Targets and dependencies", Packaging): one PackageReference gives a project the
/// runtime, the generated emitters and wiring, and the loop-thread diagnostics. The package is packed from this
/// repository (<see cref="PackedLoopwire"/>) and consumed as a user would, from a local package source.
/// </summary>
public sealed class PackageTests(PackedLoopwire package) : IClassFixture<PackedLoopwire>
{
    // A user's program: an emitter, a wired handler, and one blocking call on the loop thread (line 9, column 5).
    private const string ConsumerProgram = """
        using Loopwire;

        using var loop = new EventLoop();
        var door = new Door();
        door.On.Opened(visitor => Console.WriteLine($"On.Opened: {visitor}"));
        using var registration = loop.Attach(new Concierge(), door);
        loop.SetTimeout(() =>
        {
            Thread.Sleep(1);
            door.Open("a timer");
        }, 1);
        loop.Run();
        Console.WriteLine("the loop has ended");

        [EventEmitter]
        public partial class Door
        {
            public void Open(string visitor) => Opened(visitor);

            [Event]
            private partial void Opened(string visitor);
        }

        public sealed partial class Concierge
        {
            [OnEvent<Door>("opened")]
            private void Greet(string visitor) => Console.WriteLine($"[OnEvent<Door>]: welcome, {visitor}");
        }
        """;

    private static readonly string[] ConsumerOutput =
    [
        "On.Opened: a timer",
        "[OnEvent<Door>]: welcome, a timer",
        "the loop has ended",
    ];

    [Fact]
    public void The_package_holds_the_runtime_for_both_frameworks_and_the_roslyn_components_and_depends_on_nothing()
    {
        // Packaging: lib/ for both runtime targets, with the XML docs; the generator, analyzers and code fixes where the
        // compiler and the IDE load them. The runtime needs only the BCL, and the components' Roslyn packages stay private
        // (the compiler brings Roslyn), so the package has no dependencies.
        string[] expected =
        [
            "analyzers/dotnet/cs/Loopwire.Analyzers.CodeFixes.dll",
            "analyzers/dotnet/cs/Loopwire.Analyzers.dll",
            "analyzers/dotnet/cs/Loopwire.Generators.dll",
            "lib/net10.0/Loopwire.dll",
            "lib/net10.0/Loopwire.xml",
            "lib/net8.0/Loopwire.dll",
            "lib/net8.0/Loopwire.xml",
        ];

        Assert.Equal(expected, package.Entries.Where(entry =>
            entry.StartsWith("lib/", StringComparison.Ordinal) || entry.StartsWith("analyzers/", StringComparison.Ordinal)));
        Assert.DoesNotContain(package.Nuspec.Descendants(), element => element.Name.LocalName == "dependency");
        Assert.Equal("Loopwire", package.Metadata("id"));
        Assert.Equal("MIT", package.Metadata("license"));
        Assert.Equal("README.md", package.Metadata("readme"));
        Assert.Contains("README.md", package.Entries);
    }

    [Fact]
    public async Task A_project_referencing_only_the_package_gets_the_emitter_the_wiring_and_LW1001_and_runs()
    {
        // Packaging: the generator's emitter (On.Opened) and wiring (Attach) compile, LW1001 reports the Thread.Sleep in
        // the timer callback and is the build's only warning, and the program runs on the packed runtime.
        var consumer = package.CreateFolder("consumer");
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), ConsumerProgram);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Loopwire" Version="[{package.Metadata("version")}]" />
              </ItemGroup>
            </Project>
            """);
        // The packed folder is the only source: restore would fail if the package needed anything else, and nothing
        // goes to the network (nuget.org as a source is also asked for vulnerability data).
        File.WriteAllText(Path.Combine(consumer, "NuGet.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{package.Folder}" />
              </packageSources>
            </configuration>
            """);

        // Restored into a cache of its own: the user's global cache never holds this build of the version.
        var (buildExitCode, build) = await DotnetCli.RunAsync(
            consumer,
            ["build", "-c", "Release", "-tl:off"],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = package.CreateFolder("consumer-packages") });

        Assert.True(buildExitCode == 0, "The consumer did not build:\n" + build);
        Assert.Equal(["LW1001 Program.cs(9,5)"], Warnings(build));
        Assert.Contains("warning LW1001: 'Thread.Sleep' blocks the loop thread", build);

        var (runExitCode, output) = await DotnetCli.RunAsync(consumer, [Path.Combine("bin", "Release", "net10.0", "Consumer.dll")]);

        Assert.True(runExitCode == 0, "The consumer failed:\n" + output);
        Assert.Equal(ConsumerOutput, output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
    }

    /// <summary>The build's distinct warnings as "ID File(line,column)" (MSBuild repeats them in its summary).</summary>
    private static string[] Warnings(string buildOutput) =>
    [
        .. Regex.Matches(buildOutput, @"^\s*(?<origin>.+?): warning (?<id>\w+):", RegexOptions.Multiline)
            .Select(match => $"{match.Groups["id"].Value} {Path.GetFileName(match.Groups["origin"].Value)}")
            .Distinct(),
    ];
}
