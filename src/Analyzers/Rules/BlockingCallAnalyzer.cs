using System.Collections.Immutable;
using Loopwire.Analyzers.Blocking;
using Loopwire.Analyzers.LoopCode;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Loopwire.Analyzers.Rules;

/// <summary>LW1001: a blocking call (sleep, synchronous I/O, a wait) in code that runs on the loop thread.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingCallAnalyzer : LoopCodeAnalyzer
{
    internal static readonly DiagnosticDescriptor Descriptor = CreateRule(
        RuleIdentifiers.BlockingCall,
        title: "Blocking call on the loop thread",
        message: "'{0}' blocks the loop thread, reached from {1}{2}",
        DiagnosticSeverity.Warning,
        description: "While the loop thread is blocked no timer, I/O callback or other handler runs. Await the asynchronous alternative or move the work to the pool with QueueWork.");

    private protected override DiagnosticDescriptor Rule => Descriptor;

    private protected override CallGraphBuilder.SiteFinder CreateSiteFinder(AnalyzerOptions options, LoopSymbols symbols, LoopSiteCollector sites, CancellationToken cancellationToken)
    {
        var finder = new BlockingCallFinder(symbols, options.AdditionalFiles, cancellationToken);
        return (operation, unit) =>
        {
            if (!finder.TryFind(operation, taskWaits: false, out var call))
                return;
            var properties = call.Alternative is null
                ? null
                : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Alternative, call.Alternative);
            var suffix = call.Alternative is null ? "" : "; use '" + call.Alternative + "' instead";
            sites.Add(unit, operation.Syntax.GetLocation(), CodeUnitNames.Describe(call.Member), suffix, properties);
        };
    }
}
