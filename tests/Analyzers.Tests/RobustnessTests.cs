using System.Collections.Immutable;
using System.Text;
using Loopwire.Analyzers.Rules;
using Loopwire.Analyzers.Tests.Infrastructure;
using Loopwire.Testing;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Loopwire.Analyzers.Tests;

/// <summary>No input makes an analyzer throw (AD0001): broken code, broken lists, and inputs far larger than usual.</summary>
public sealed class RobustnessTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> AllAnalyzers =
    [
        new LoopThreadAnalyzer(),
        new BlockingApiListAnalyzer(),
    ];

    [Fact]
    public async Task Malformed_code_and_lists_produce_no_analyzer_exception()
    {
        const string Broken = """
            using Loopwire;
            using System.IO;
            partial class Broken
            {
                [OnCheck] void Check( => File.ReadAllText(;
                [OnCheck] void Other() { loop.SetTimeout(() => Missing.Call(), ); lock }
                [LoopThread] int this[ => Thread.Sleep(
                static Broken operator +(Broken a) => a +
                void Local() { void Inner() => Inner(); Inner(); async void V() => await; }
                [OnEvent<Missing>("x")] void OnX() => new Unknown().Result.Wait();
            }
            class { void M() => M(); }
            """;
        var lists = new[]
        {
            ("Loopwire.BlockingApis.txt", "M:\n!\n*\nM:.*\nP:X.\nM:A.B(((\n!!M:A.B\nM:A.B)(\n\0\u0001binary\nM:" + new string('x', 100_000)),
            ("Loopwire.BlockingApis.Empty.txt", ""),
        };

        var (diagnostics, exceptions) = await AnalyzeAsync(Broken, lists);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.Contains(diagnostics, d => d.Id == "LW1007");
    }

    [Fact]
    public async Task A_call_chain_thousands_deep_and_huge_bodies_are_analyzed_without_exception()
    {
        const int Depth = 3_000;
        var source = new StringBuilder("using Loopwire; using System.Threading;\nclass Deep\n{\n    [OnCheck] void M0() => M1();\n");
        for (var i = 1; i < Depth; i++)
            source.Append("    void M").Append(i).Append("() => M").Append(i + 1).Append("();\n");
        source.Append("    void M").Append(Depth).Append("() => Thread.Sleep(1);\n");
        source.Append("    [OnIdle] int Sum(int x) => 0");
        for (var i = 0; i < 5_000; i++)
            source.Append(" + x");
        source.Append(";\n    [OnPrepare] void Many(EventLoop loop)\n    {\n");
        for (var i = 1; i <= 2_000; i++)
            source.Append("        loop.SetImmediate(() => Thread.Sleep(").Append(i).Append("));\n");
        source.Append("    }\n}\n");

        var (diagnostics, exceptions) = await AnalyzeAsync(source.ToString(), []);

        Assert.Empty(exceptions);
        var deepest = Assert.Single(diagnostics, d => d.Id == "LW1001" && d.GetMessage().Contains("M3000 → Thread.Sleep", StringComparison.Ordinal));
        Assert.StartsWith("'Thread.Sleep' blocks the loop thread, reached from Deep.M0 → Deep.M1 → ", deepest.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(2_000 + 1, diagnostics.Count(d => d.Id == "LW1001"));
    }

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<Exception> Exceptions)> AnalyzeAsync(string source, (string Name, string Text)[] additionalFiles)
    {
        var compilation = CSharpCompilation.Create(
            "Robustness",
            [CSharpSyntaxTree.ParseText(source, path: "Robustness.cs")],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([.. additionalFiles.Select(file => (AdditionalText)new InMemoryAdditionalText(file.Name, file.Text))]),
            onAnalyzerException: (exception, _, _) => { lock (exceptions) exceptions.Add(exception); },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(AllAnalyzers, options).GetAnalyzerDiagnosticsAsync();
        return (diagnostics, exceptions);
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
