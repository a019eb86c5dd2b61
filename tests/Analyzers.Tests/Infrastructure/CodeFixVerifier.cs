using Loopwire.Testing;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace Loopwire.Analyzers.Tests.Infrastructure;

/// <summary>
/// Applies a code fix for <typeparamref name="TRule"/>'s diagnostics (and its fix-all, which the testing library
/// checks too) and compares the result; the other loop rules are switched off.
/// </summary>
internal static class CodeFixVerifier<TRule, TCodeFix>
    where TRule : ILoopRule
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        return test.RunAsync();
    }

    internal sealed class Test : CSharpCodeFixTest<LoopThreadAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Assemblies;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
            FixedState.AdditionalReferences.AddRange(TestReferences.All);
            DisabledDiagnostics.AddRange(LoopRules.AllBut(TRule.Id));

            // Markup in the fixed code lists the diagnostics that must remain (the ones without a safe fix).
            FixedState.MarkupHandling = MarkupMode.Allow;

            // Loop-code diagnostics are reported at the compilation end (they depend on every caller), which the
            // library calls non-local; they are fixed from the command line and with full-solution analysis.
            CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        }
    }
}
