using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Loopwire.Analyzers.Rules;
using Xunit;

namespace Loopwire.Analyzers.Tests.Rules;

public sealed class LockOnLoopRuleTests
{
    private const string Source = """
        using System.Threading;
        using Loopwire;

        class Counter
        {
            readonly object gate = new();
            int count;

            [OnCheck]
            void Check()
            {
                {|#0:lock|} (gate) count++;
                {|#1:Monitor.Enter(gate)|};
                Monitor.Exit(gate);
                if (Monitor.TryEnter(gate))
                    Monitor.Exit(gate);
            }

            void OffLoop()
            {
                lock (gate) count--;
            }
        }
        """;

    [Fact]
    public void Lock_rule_is_opt_in() => Assert.False(LockOnLoopRule.Rule.IsEnabledByDefault);

    [Fact]
    public Task Locks_on_the_loop_thread_are_reported_once_enabled()
    {
        var test = Infrastructure.LoopRuleVerifier<Infrastructure.LW1006>.CreateTest();
        test.TestCode = Source;
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*]\ndotnet_diagnostic.LW1006.severity = suggestion\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("LW1006", DiagnosticSeverity.Info).WithLocation(0).WithArguments("lock", "Counter.Check → lock"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("LW1006", DiagnosticSeverity.Info).WithLocation(1).WithArguments("Monitor.Enter", "Counter.Check → Monitor.Enter"));
        return test.RunAsync();
    }
}
