using Loopwire.Testing;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;

namespace Loopwire.Generators.Tests.Infrastructure;

/// <summary>Runs the generators (<see cref="EmitterGenerator"/>, <see cref="LoopCallbackGenerator"/>) through a <see cref="CSharpGeneratorDriver"/> with step tracking on.</summary>
internal static class GeneratorDriverHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Tests",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new EmitterGenerator().AsSourceGenerator(), new LoopCallbackGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Generates, then compiles the result; returns the compiler's and the generator's diagnostics.</summary>
    public static (Compilation Output, IReadOnlyList<Diagnostic> Diagnostics, GeneratorDriverRunResult Result) Run(Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var diagnostics = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        return (output, diagnostics, driver.GetRunResult());
    }

    /// <summary>The run result of one of the generators.</summary>
    public static GeneratorRunResult ResultOf<TGenerator>(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(TGenerator));
}
