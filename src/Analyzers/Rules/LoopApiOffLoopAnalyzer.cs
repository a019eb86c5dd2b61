using Loopwire.Analyzers.LoopCode;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Loopwire.Analyzers.Rules;

/// <summary>
/// LW1003: a loop-affine API (the loop, its handles, emitters) called from code that runs on the pool or another
/// thread. Such calls throw at run time; <c>EventLoop.Post</c> is the way onto the loop.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LoopApiOffLoopAnalyzer : LoopCodeAnalyzer
{
    internal static readonly DiagnosticDescriptor Descriptor = CreateRule(
        RuleIdentifiers.LoopApiOffLoop,
        title: "Loop API called off the loop thread",
        message: "'{0}' must be called on the loop thread, but this code runs on another thread, reached from {1}; use EventLoop.Post to run it on the loop",
        DiagnosticSeverity.Warning,
        description: "Only EventLoop.Post, EventLoop.Stop and AsyncHandle.Send may be called from other threads; every other loop, handle and emitter member throws there.");

    private protected override DiagnosticDescriptor Rule => Descriptor;

    private protected override bool ChecksPoolCode => true;

    private protected override CallGraphBuilder.SiteFinder? CreateSiteFinder(AnalyzerOptions options, LoopSymbols symbols, LoopSiteCollector sites, CancellationToken cancellationToken)
    {
        if (symbols.EventLoop is null && symbols.Handle is null && symbols.EventEmitterAttribute is null)
            return null;
        return (operation, unit) =>
        {
            ISymbol? member = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IPropertyReferenceOperation reference => reference.Property,
                _ => null,
            };
            if (member is not null && symbols.IsLoopAffine(member))
                sites.Add(unit, operation.Syntax.GetLocation(), CodeUnitNames.Describe(member));
        };
    }
}
