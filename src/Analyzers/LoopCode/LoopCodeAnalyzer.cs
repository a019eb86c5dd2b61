using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>
/// Base of the rules that depend on where code runs. A rule registers actions that find candidate sites; the base
/// collects the call graph alongside and, when the compilation is done, reports the sites whose body is loop code
/// (or pool code, for <see cref="ChecksPoolCode"/>) with the chain that makes it so.
/// </summary>
/// <remarks>
/// Whether a body is loop code depends on callers anywhere in the compilation, so the verdict waits for the
/// compilation end: the driver builds each body's operations once for every analyzer, and this rule only walks
/// summaries. The rules therefore report on build and with full-solution analysis in the IDE.
/// </remarks>
public abstract class LoopCodeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Set to true in .editorconfig to also report in generated code (the call graph always includes it).</summary>
    internal const string ReportInGeneratedCodeOption = "loopwire.report_in_generated_code";

    private protected abstract DiagnosticDescriptor Rule { get; }

    /// <summary>True for LW1003, which looks at code reached from pool roots instead of loop roots.</summary>
    private protected virtual bool ChecksPoolCode => false;

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    /// <summary>
    /// Prepares the rule for one compilation and returns what it calls for every operation of every body, or null
    /// when the rule has nothing to look for in this compilation.
    /// </summary>
    private protected abstract CallGraphBuilder.SiteFinder? CreateSiteFinder(AnalyzerOptions options, LoopSymbols symbols, LoopSiteCollector sites, CancellationToken cancellationToken);

    private void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (LoopSymbols.TryCreate(context.Compilation) is not { } symbols)
            return;
        var sites = new LoopSiteCollector();
        if (CreateSiteFinder(context.Options, symbols, sites, context.CancellationToken) is not { } findSites)
            return;

        var graph = new CallGraphBuilder(context.Compilation, symbols, context.CancellationToken);
        var options = context.Options;
        context.RegisterOperationBlockAction(block =>
            graph.Summarize(block, !block.IsGeneratedCode || ReportsInGeneratedCode(options, block.OperationBlocks) ? findSites : null));
        context.RegisterCompilationEndAction(end => ReportSites(end, graph, sites.Sites));
    }

    private static bool ReportsInGeneratedCode(AnalyzerOptions options, ImmutableArray<IOperation> blocks) =>
        !blocks.IsEmpty
        && options.AnalyzerConfigOptionsProvider.GetOptions(blocks[0].Syntax.SyntaxTree).TryGetValue(ReportInGeneratedCodeOption, out var value)
        && bool.TryParse(value, out var enabled)
        && enabled;

    private void ReportSites(CompilationAnalysisContext context, CallGraphBuilder builder, ConcurrentQueue<LoopSite> sites)
    {
        if (sites.IsEmpty)
            return;
        var graph = builder.Build(context.CancellationToken);
        foreach (var site in sites)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (graph.TryGetChain(site.Unit, ChecksPoolCode, site.Subject, out var chain))
                context.ReportDiagnostic(Diagnostic.Create(Rule, site.Location, site.Properties, site.Suffix is null ? [site.Subject, chain] : [site.Subject, chain, site.Suffix]));
        }
    }

    private protected static DiagnosticDescriptor CreateRule(string id, string title, string message, DiagnosticSeverity severity, string description, bool isEnabledByDefault = true) =>
        new(
            id,
            title,
            message,
            RuleIdentifiers.LoopThreadCategory,
            severity,
            isEnabledByDefault,
            description,
            RuleIdentifiers.GetHelpUri(id),
            WellKnownDiagnosticTags.CompilationEnd);
}
