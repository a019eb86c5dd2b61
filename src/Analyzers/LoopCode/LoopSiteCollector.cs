using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>Gathers one rule's candidate sites from concurrent operation actions, skipping generated code unless asked.</summary>
internal sealed class LoopSiteCollector
{
    private readonly AnalyzerOptions options;

    public LoopSiteCollector(AnalyzerOptions options) => this.options = options;

    public ConcurrentQueue<LoopSite> Sites { get; } = new();

    public void Add(
        in OperationAnalysisContext context,
        Location location,
        LoopSiteSubject subject,
        string? suffix,
        ImmutableDictionary<string, string?>? properties)
    {
        if (context.IsGeneratedCode && !ReportsInGeneratedCode(context.Operation.Syntax.SyntaxTree))
            return;
        var unit = CallGraphBuilder.GetContainingUnit(context.Operation, context.ContainingSymbol);
        if (!unit.IsDefault)
            Sites.Enqueue(new LoopSite(unit, location, subject, suffix, properties));
    }

    private bool ReportsInGeneratedCode(SyntaxTree tree) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(LoopThreadAnalyzer.ReportInGeneratedCodeOption, out var value)
        && bool.TryParse(value, out var enabled)
        && enabled;
}
