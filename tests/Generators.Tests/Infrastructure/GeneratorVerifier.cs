using Loopwire.Testing;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;

namespace Loopwire.Generators.Tests.Infrastructure;

/// <summary>
/// Runs the generators (<see cref="EmitterGenerator"/>, <see cref="LoopCallbackGenerator"/>) with Microsoft.CodeAnalysis.Testing:
/// snapshots of generated files, or diagnostics in markup.
/// </summary>
internal static class GeneratorVerifier
{
    /// <summary>
    /// Checks the generated files against snapshots under Snapshots/. Set LOOPWIRE_UPDATE_SNAPSHOTS=1 to rewrite
    /// them from the current generator (then review the diff).
    /// </summary>
    public static Task VerifySnapshotsAsync(string source, params string[] hintNames) =>
        VerifySnapshotsAsync([source], hintNames);

    /// <summary>Checks the files generated from several source files against snapshots, as the overload for one does.</summary>
    public static async Task VerifySnapshotsAsync(string[] sources, params string[] hintNames)
    {
        if (Environment.GetEnvironmentVariable("LOOPWIRE_UPDATE_SNAPSHOTS") == "1")
        {
            UpdateSnapshots(sources);
        }

        var test = new Test();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }
        foreach (var hintName in hintNames)
        {
            var expected = await File.ReadAllTextAsync(Path.Combine(ProjectDirectory(), "Snapshots", hintName));
            var generator = hintName.EndsWith(".Attach.g.cs", StringComparison.Ordinal) ? typeof(LoopCallbackGenerator) : typeof(EmitterGenerator);
            test.TestState.GeneratedSources.Add((generator, hintName, expected));
        }

        await test.RunAsync();
    }

    /// <summary>
    /// Checks that the generators report exactly the diagnostics marked up as <c>{|LW2001:span|}</c>, plus
    /// <paramref name="expected"/> (for messages, at <c>{|#0:span|}</c> locations); compiler diagnostics are ignored.
    /// </summary>
    public static Task VerifyDiagnosticsAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test
        {
            TestCode = source,
            CompilerDiagnostics = CompilerDiagnostics.None,
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static void UpdateSnapshots(string[] sources)
    {
        var (_, _, result) = GeneratorDriverHarness.Run(GeneratorDriverHarness.Compile(sources));
        var directory = Path.Combine(ProjectDirectory(), "Snapshots");
        foreach (var generated in result.Results.SelectMany(r => r.GeneratedSources))
        {
            File.WriteAllText(Path.Combine(directory, generated.HintName), generated.SourceText.ToString());
        }
    }

    private static string ProjectDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(path))!;

    private sealed class Test : CSharpSourceGeneratorTest<EmitterGenerator, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Assemblies;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
        }

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(EmitterGenerator), typeof(LoopCallbackGenerator)];

        protected override CompilationOptions CreateCompilationOptions() =>
            ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)base.CreateCompilationOptions())
                .WithNullableContextOptions(NullableContextOptions.Enable);

        protected override ParseOptions CreateParseOptions() => GeneratorDriverHarness.ParseOptions;
    }
}
