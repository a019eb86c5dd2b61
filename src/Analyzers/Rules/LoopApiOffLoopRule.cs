using Loopwire.Analyzers.LoopCode;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Loopwire.Analyzers.Rules;

/// <summary>
/// LW1003: a loop-affine API (the loop, its handles, emitters) called from code that runs on the pool or another
/// thread. Such calls throw at run time; <c>EventLoop.Post</c> is the way onto the loop.
/// </summary>
internal sealed class LoopApiOffLoopRule : LoopRule
{
    public static readonly DiagnosticDescriptor Rule = CreateDescriptor(
        RuleIdentifiers.LoopApiOffLoop,
        title: "Loop API called off the loop thread",
        message: "'{0}' must be called on the loop thread, but this code runs on another thread, reached from {1}; use EventLoop.Post to run it on the loop",
        DiagnosticSeverity.Warning,
        description: "Only EventLoop.Post, EventLoop.Stop and AsyncHandle.Send may be called from other threads; every other loop, handle and emitter member throws there.");

    private readonly LoopSymbols symbols;

    public LoopApiOffLoopRule(LoopSymbols symbols, LoopSiteCollector sites)
        : base(sites) => this.symbols = symbols;

    public override DiagnosticDescriptor Descriptor => Rule;

    public override bool ChecksPoolCode => true;

    public override void Inspect(in OperationAnalysisContext context)
    {
        ISymbol? member = context.Operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IPropertyReferenceOperation reference => reference.Property,
            _ => null,
        };
        if (member is not null && symbols.IsLoopAffine(member))
            AddSite(context, context.Operation.Syntax.GetLocation(), member);
    }
}
