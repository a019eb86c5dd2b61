using Microsoft.CodeAnalysis.Testing;

namespace Loopwire.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="LoopThreadAnalyzer"/> with only <typeparamref name="TRule"/> enabled on C# sources marked up with
/// <c>{|LW1001:...|}</c> spans or <c>{|#0:...|}</c> locations, and checks the diagnostics.
/// </summary>
internal static class LoopRuleVerifier<TRule>
    where TRule : ILoopRule
{
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, additionalFiles: [], expected);

    public static Task VerifyAsync(string source, (string Name, string Text)[] additionalFiles, params DiagnosticResult[] expected) =>
        AnalyzerVerifier<LoopThreadAnalyzer>.RunAsync(CreateTest(), source, additionalFiles, expected);

    /// <summary>A test of the analyzer with every loop rule but <typeparamref name="TRule"/> disabled, for tests that need more setup.</summary>
    public static AnalyzerVerifier<LoopThreadAnalyzer>.Test CreateTest()
    {
        var test = new AnalyzerVerifier<LoopThreadAnalyzer>.Test();
        test.DisabledDiagnostics.AddRange(LoopRules.AllBut(TRule.Id));
        return test;
    }

    public static DiagnosticResult Diagnostic(string id) => AnalyzerVerifier<LoopThreadAnalyzer>.Diagnostic(id);
}
