using Loopwire.Analyzers.LoopCode;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Loopwire.Analyzers.Rules;

/// <summary>
/// LW1005: an <c>async void</c> lambda or method given to the loop as a callback or listener, or marked to run in a
/// loop phase. The loop cannot observe its completion, and its exceptions escape the code that registered it.
/// Unlike the other loop rules it is local (the callback's position alone decides), so it reports as you type.
/// </summary>
internal static class AsyncVoidCallbackRule
{
    public static readonly DiagnosticDescriptor Rule = new(
        RuleIdentifiers.AsyncVoidCallback,
        title: "async void loop callback",
        messageFormat: "'{0}' is an async void loop callback: the loop cannot see it finish and its exceptions escape the code that registered it; use a Task-returning overload or make the callback synchronous",
        RuleIdentifiers.LoopThreadCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An async void callback returns to the loop at its first await; a fault after that surfaces as an uncaught loop exception instead of reaching the caller.",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.AsyncVoidCallback));

    /// <summary>An async void lambda or method group passed to a <c>[RunsOnLoop]</c> parameter.</summary>
    public static void AnalyzeDelegate(in OperationAnalysisContext context, LoopSymbols symbols)
    {
        var function = context.Operation switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };
        if (function is not { IsAsync: true, ReturnsVoid: true } || context.IsGeneratedCode)
            return;
        if (CallGraphBuilder.GetReceivingParameter(context.Operation) is not { } parameter || !symbols.HasAttribute(parameter, symbols.RunsOnLoopAttribute))
            return;

        var syntax = context.Operation.Syntax;
        var location = syntax is AnonymousFunctionExpressionSyntax { AsyncKeyword.RawKind: not 0 } lambdaSyntax
            ? lambdaSyntax.AsyncKeyword.GetLocation()
            : syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(Rule, location, CodeUnitNames.Describe(function)));
    }

    /// <summary>An async void method with a loop-phase attribute (<c>[LoopThread]</c> alone does not make a callback).</summary>
    public static void AnalyzeMethod(in SymbolAnalysisContext context, LoopSymbols symbols)
    {
        if (context.Symbol is not IMethodSymbol { IsAsync: true, ReturnsVoid: true } method || context.IsGeneratedCode)
            return;
        foreach (var attribute in method.GetAttributes())
        {
            if (symbols.IsLoopPhaseAttribute(attribute.AttributeClass)
                && !SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.LoopThreadAttribute))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, method.Locations[0], CodeUnitNames.Describe(method)));
                return;
            }
        }
    }
}
