using Loopwire.Analyzers.Blocking;
using Loopwire.Analyzers.LoopCode;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Loopwire.Analyzers.Rules;

/// <summary>
/// LW1002: <c>.Result</c>, <c>.Wait()</c> or <c>GetAwaiter().GetResult()</c> on the loop thread. The task usually
/// completes through the loop, which is now blocked waiting for it: a single loop deadlocks.
/// </summary>
internal sealed class SynchronousTaskWaitRule : LoopRule
{
    public static readonly DiagnosticDescriptor Rule = CreateDescriptor(
        RuleIdentifiers.SynchronousTaskWait,
        title: "Synchronous wait on a task on the loop thread",
        message: "'{0}' waits for a task on the loop thread, reached from {1}; the task's continuation needs the loop, so this deadlocks: await it instead",
        DiagnosticSeverity.Error,
        description: "A task whose completion is posted to the loop can never complete while the loop thread waits for it. Await the task instead.");

    private readonly BlockingCallFinder finder;

    public SynchronousTaskWaitRule(BlockingCallFinder finder, LoopSiteCollector sites)
        : base(sites) => this.finder = finder;

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Inspect(in OperationAnalysisContext context)
    {
        if (finder.TryFind(context.Operation, taskWaits: true, out var call))
            AddSite(context, context.Operation.Syntax.GetLocation(), call.Member);
    }
}
