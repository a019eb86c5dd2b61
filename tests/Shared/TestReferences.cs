using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Loopwire.Testing;

/// <summary>
/// The references every test compilation gets: the installed .NET reference pack (no download, so the tests run
/// offline) and the Loopwire runtime, whose attributes, loop APIs and listener core the analyzers and the
/// generated code use. Linked into each Roslyn test project.
/// </summary>
internal static class TestReferences
{
    public static ReferenceAssemblies Assemblies { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> All { get; } = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        var sharedRuntime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(sharedRuntime, "..", "..", ".."));
        var pack = Directory.GetDirectories(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"))
            .Select(directory => Path.Combine(directory, "ref", "net" + Environment.Version.Major + ".0"))
            .Where(Directory.Exists)
            .OrderByDescending(directory => directory, StringComparer.Ordinal)
            .First();
        return Directory.GetFiles(pack, "*.dll")
            .Append(typeof(EventLoop).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
