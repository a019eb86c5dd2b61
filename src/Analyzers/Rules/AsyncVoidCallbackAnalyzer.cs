using System.Collections.Immutable;
using Loopwire.Analyzers.LoopCode;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Loopwire.Analyzers.Rules;

/// <summary>
/// LW1005: an <c>async void</c> lambda or method given to the loop as a callback or listener, or marked to run in a
/// loop phase. The loop cannot observe its completion, and its exceptions escape the code that registered it.
/// </summary>
/// <remarks>Unlike the other loop rules this one is local: the callback's position alone decides.</remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncVoidCallbackAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Descriptor = new(
        RuleIdentifiers.AsyncVoidCallback,
        title: "async void loop callback",
        messageFormat: "'{0}' is an async void loop callback: the loop cannot see it finish and its exceptions escape the code that registered it; use a Task-returning overload or make the callback synchronous",
        RuleIdentifiers.LoopThreadCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An async void callback returns to the loop at its first await; a fault after that surfaces as an uncaught loop exception instead of reaching the caller.",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.AsyncVoidCallback));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(startContext =>
        {
            if (LoopSymbols.TryCreate(startContext.Compilation) is not { } symbols)
                return;
            startContext.RegisterOperationAction(
                operationContext => AnalyzeDelegate(operationContext, symbols),
                OperationKind.AnonymousFunction,
                OperationKind.MethodReference);
            startContext.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, symbols), SymbolKind.Method);
        });
    }

    private static void AnalyzeDelegate(OperationAnalysisContext context, LoopSymbols symbols)
    {
        var function = context.Operation switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };
        if (function is not { IsAsync: true, ReturnsVoid: true })
            return;
        if (CallGraphBuilder.GetReceivingParameter(context.Operation) is not { } parameter || !symbols.HasAttribute(parameter, symbols.RunsOnLoopAttribute))
            return;

        var syntax = context.Operation.Syntax;
        var location = syntax is AnonymousFunctionExpressionSyntax { AsyncKeyword.RawKind: not 0 } lambdaSyntax
            ? lambdaSyntax.AsyncKeyword.GetLocation()
            : syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, CodeUnitNames.Describe(function)));
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, LoopSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!method.IsAsync || !method.ReturnsVoid)
            return;
        foreach (var attribute in method.GetAttributes())
        {
            if (symbols.IsLoopPhaseAttribute(attribute.AttributeClass)
                && !SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.LoopThreadAttribute))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, method.Locations[0], CodeUnitNames.Describe(method)));
                return;
            }
        }
    }
}
