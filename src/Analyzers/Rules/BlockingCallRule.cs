using System.Collections.Immutable;
using Loopwire.Analyzers.Blocking;
using Loopwire.Analyzers.LoopCode;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Loopwire.Analyzers.Rules;

/// <summary>LW1001: a blocking call (sleep, synchronous I/O, a wait) in code that runs on the loop thread.</summary>
internal sealed class BlockingCallRule : LoopRule
{
    public static readonly DiagnosticDescriptor Rule = CreateDescriptor(
        RuleIdentifiers.BlockingCall,
        title: "Blocking call on the loop thread",
        message: "'{0}' blocks the loop thread, reached from {1}{2}",
        DiagnosticSeverity.Warning,
        description: "While the loop thread is blocked no timer, I/O callback or other handler runs. Await the asynchronous alternative or move the work to the pool with QueueWork.");

    private readonly BlockingCallFinder finder;

    public BlockingCallRule(BlockingCallFinder finder, LoopSiteCollector sites)
        : base(sites) => this.finder = finder;

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Inspect(in OperationAnalysisContext context)
    {
        if (!finder.TryFind(context.Operation, taskWaits: false, out var call))
            return;
        var properties = call.Alternative is null
            ? null
            : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Alternative, call.Alternative);
        var suffix = call.Alternative is null ? "" : "; use '" + call.Alternative + "' instead";
        AddSite(context, context.Operation.Syntax.GetLocation(), call.Member, suffix, properties);
    }
}
