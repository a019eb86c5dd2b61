using System.Collections.Immutable;
using Loopwire.Analyzers.Blocking;
using Loopwire.Analyzers.LoopCode;
using Loopwire.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Loopwire.Analyzers;

/// <summary>
/// The loop-thread rules LW1001–LW1006. They share one thing, and it is most of their cost: the compilation's call
/// graph, which tells loop code from pool code. So one analyzer collects it once, from the operations the driver
/// already builds, and hands each operation to the rules (one class per rule, in <c>Rules/</c>); at the end of the
/// compilation it reports each rule's sites that loop (or pool) code reaches, naming the chain. Rules switched off
/// in the configuration are not even created.
/// </summary>
/// <remarks>
/// Whether a body is loop code depends on callers anywhere in the compilation, so LW1001–LW1004 and LW1006 are
/// compilation-end diagnostics: reported on every build and, in the IDE, with full-solution analysis. LW1005 is
/// local and reported as you type.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LoopThreadAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Set to true in .editorconfig to also report in generated code (the call graph always includes it).</summary>
    internal const string ReportInGeneratedCodeOption = "loopwire.report_in_generated_code";

    private static readonly OperationKind[] InspectedKinds =
    [
        OperationKind.Invocation,
        OperationKind.ObjectCreation,
        OperationKind.PropertyReference,
        OperationKind.Lock,
    ];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        BlockingCallRule.Rule,
        SynchronousTaskWaitRule.Rule,
        LoopApiOffLoopRule.Rule,
        ConfigureAwaitFalseRule.Rule,
        AsyncVoidCallbackRule.Rule,
        LockOnLoopRule.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (LoopSymbols.TryCreate(context.Compilation) is not { } symbols)
            return;
        var rules = CreateEnabledRules(context.Compilation, context.Options, symbols, context.CancellationToken);
        var reportsAsyncVoid = RuleConfiguration.IsEnabled(context.Compilation, AsyncVoidCallbackRule.Rule, context.CancellationToken);
        if (rules.Length == 0 && !reportsAsyncVoid)
            return;

        var graph = new CallGraphBuilder(symbols);
        context.RegisterSymbolAction(
            symbolContext =>
            {
                graph.AddAttributedRoot((IMethodSymbol)symbolContext.Symbol);
                if (reportsAsyncVoid)
                    AsyncVoidCallbackRule.AnalyzeMethod(symbolContext, symbols);
            },
            SymbolKind.Method);
        context.RegisterOperationAction(
            operationContext =>
            {
                graph.AddDelegate(operationContext);
                if (reportsAsyncVoid)
                    AsyncVoidCallbackRule.AnalyzeDelegate(operationContext, symbols);
            },
            OperationKind.AnonymousFunction,
            OperationKind.MethodReference);
        context.RegisterOperationAction(
            operationContext =>
            {
                graph.AddCall(operationContext);
                foreach (var rule in rules)
                    rule.Inspect(operationContext);
            },
            InspectedKinds);
        if (CallGraphBuilder.DeclaresOperators(context.Compilation, context.CancellationToken))
            context.RegisterOperationAction(operationContext => graph.AddCall(operationContext), CallGraphBuilder.OperatorKinds);
        if (rules.Length > 0)
            context.RegisterCompilationEndAction(endContext => ReportSites(endContext, graph, rules));
    }

    private static ImmutableArray<LoopRule> CreateEnabledRules(Compilation compilation, AnalyzerOptions options, LoopSymbols symbols, CancellationToken cancellationToken)
    {
        var rules = ImmutableArray.CreateBuilder<LoopRule>();
        bool IsEnabled(DiagnosticDescriptor descriptor) => RuleConfiguration.IsEnabled(compilation, descriptor, cancellationToken);
        LoopSiteCollector NewSites() => new(options);

        var reportsBlocking = IsEnabled(BlockingCallRule.Rule);
        var reportsTaskWaits = IsEnabled(SynchronousTaskWaitRule.Rule);
        if (reportsBlocking || reportsTaskWaits)
        {
            var finder = new BlockingCallFinder(symbols, options.AdditionalFiles, cancellationToken);
            if (reportsBlocking)
                rules.Add(new BlockingCallRule(finder, NewSites()));
            if (reportsTaskWaits)
                rules.Add(new SynchronousTaskWaitRule(finder, NewSites()));
        }

        if (IsEnabled(LoopApiOffLoopRule.Rule) && (symbols.EventLoop is not null || symbols.Handle is not null || symbols.EventEmitterAttribute is not null))
            rules.Add(new LoopApiOffLoopRule(symbols, NewSites()));
        if (IsEnabled(ConfigureAwaitFalseRule.Rule))
            rules.Add(new ConfigureAwaitFalseRule(NewSites()));
        if (IsEnabled(LockOnLoopRule.Rule))
            rules.Add(new LockOnLoopRule(symbols, NewSites()));
        return rules.ToImmutable();
    }

    private static void ReportSites(CompilationAnalysisContext context, CallGraphBuilder builder, ImmutableArray<LoopRule> rules)
    {
        CallGraph? graph = null;
        foreach (var rule in rules)
        {
            foreach (var site in rule.Sites)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                graph ??= builder.Build(context.CancellationToken);
                if (graph.TryGetChain(site.Unit, rule.ChecksPoolCode, out var chain))
                {
                    var subject = site.Subject.Describe();
                    chain += " → " + subject;
                    object[] arguments = site.Suffix is null ? [subject, chain] : [subject, chain, site.Suffix];
                    context.ReportDiagnostic(Diagnostic.Create(rule.Descriptor, site.Location, site.Properties, arguments));
                }
            }
        }
    }
}
