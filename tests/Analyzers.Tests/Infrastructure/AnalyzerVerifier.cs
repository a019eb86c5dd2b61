using Loopwire.Testing;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.Tests.Infrastructure;

/// <summary>Runs one analyzer on C# sources marked up with <c>{|LW1001:...|}</c> spans and checks the diagnostics.</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, additionalFiles: [], expected);

    public static Task VerifyAsync(string source, (string Name, string Text)[] additionalFiles, params DiagnosticResult[] expected) =>
        RunAsync(new Test(), source, additionalFiles, expected);

    /// <summary>Runs a prepared test (e.g. with some diagnostics disabled) on the source and additional files.</summary>
    public static Task RunAsync(Test test, string source, (string Name, string Text)[] additionalFiles, DiagnosticResult[] expected)
    {
        test.TestCode = source;
        foreach (var file in additionalFiles)
            test.TestState.AdditionalFiles.Add(file);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Warning);

    internal sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Assemblies;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
        }
    }
}
