using System.IO.Compression;
using System.Xml.Linq;
using Xunit;

namespace Loopwire.Analyzers.Tests.Infrastructure;

/// <summary>
/// The Loopwire package, packed once from this repository's sources into a temporary folder that is deleted
/// afterwards. The pack builds into its own artifacts folder, so it never touches the bin/obj folders of the build
/// running the tests.
/// </summary>
public sealed class PackedLoopwire : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("loopwire-package-");

    /// <summary>The folder holding the package: a local package source.</summary>
    public string Folder => Path.Combine(_root.FullName, "packages");

    /// <summary>Every file in the package, sorted.</summary>
    public string[] Entries { get; private set; } = [];

    /// <summary>The package's manifest.</summary>
    public XDocument Nuspec { get; private set; } = new();

    /// <summary>Packs src/Runtime/Loopwire.csproj as <c>dotnet pack -c Release</c> does, without running analyzers.</summary>
    public async Task InitializeAsync()
    {
        var (exitCode, output) = await DotnetCli.RunAsync(
            DotnetCli.RepositoryRoot,
            [
                "pack", Path.Combine("src", "Runtime", "Loopwire.csproj"),
                "-c", "Release",
                "-o", Folder,
                "--artifacts-path", Path.Combine(_root.FullName, "artifacts"),
                // The same files, several seconds sooner: analyzers do not change what is compiled (generators still
                // run), and the main build already holds these sources to them.
                "-p:RunAnalyzers=false",
            ]);
        Assert.True(exitCode == 0, "dotnet pack failed:\n" + output);

        using var package = ZipFile.OpenRead(Directory.GetFiles(Folder, "*.nupkg").Single());
        Entries = [.. package.Entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal)];
        using var nuspec = package.GetEntry("Loopwire.nuspec")!.Open();
        Nuspec = XDocument.Load(nuspec);
    }

    /// <summary>The value of a manifest metadata element, such as <c>id</c>, <c>version</c> or <c>license</c>.</summary>
    public string Metadata(string name) =>
        Nuspec.Descendants().Single(element => element.Name.LocalName == name && element.Parent?.Name.LocalName == "metadata").Value;

    /// <summary>A new folder for a test's own files, deleted with the package.</summary>
    public string CreateFolder(string name) => Directory.CreateDirectory(Path.Combine(_root.FullName, name)).FullName;

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _root.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
