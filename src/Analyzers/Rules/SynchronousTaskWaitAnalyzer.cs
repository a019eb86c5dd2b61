using Loopwire.Analyzers.Blocking;
using Loopwire.Analyzers.LoopCode;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Loopwire.Analyzers.Rules;

/// <summary>
/// LW1002: <c>.Result</c>, <c>.Wait()</c> or <c>GetAwaiter().GetResult()</c> on the loop thread. The task usually
/// completes through the loop, which is now blocked waiting for it: a single loop deadlocks.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SynchronousTaskWaitAnalyzer : LoopCodeAnalyzer
{
    internal static readonly DiagnosticDescriptor Descriptor = CreateRule(
        RuleIdentifiers.SynchronousTaskWait,
        title: "Synchronous wait on a task on the loop thread",
        message: "'{0}' waits for a task on the loop thread, reached from {1}; the task's continuation needs the loop, so this deadlocks: await it instead",
        DiagnosticSeverity.Error,
        description: "A task whose completion is posted to the loop can never complete while the loop thread waits for it. Await the task instead.");

    private protected override DiagnosticDescriptor Rule => Descriptor;

    private protected override CallGraphBuilder.SiteFinder CreateSiteFinder(AnalyzerOptions options, LoopSymbols symbols, LoopSiteCollector sites, CancellationToken cancellationToken)
    {
        var finder = new BlockingCallFinder(symbols, options.AdditionalFiles, cancellationToken);
        return (operation, unit) =>
        {
            if (finder.TryFind(operation, taskWaits: true, out var call))
                sites.Add(unit, operation.Syntax.GetLocation(), CodeUnitNames.Describe(call.Member));
        };
    }
}
