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
            startContext.RegisterOperationBlockAction(blockContext => AnalyzeBody(blockContext, symbols));
        });
    }

    /// <summary>One walk per body (cheaper than a callback per lambda): the body's own method, then its delegates.</summary>
    private static void AnalyzeBody(OperationBlockAnalysisContext context, LoopSymbols symbols)
    {
        if (context.OwningSymbol is IMethodSymbol { IsAsync: true, ReturnsVoid: true } method && HasLoopPhaseAttribute(method, symbols))
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, method.Locations[0], CodeUnitNames.Describe(method)));

        var pending = new Stack<IOperation>(context.OperationBlocks);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            var function = operation switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                IMethodReferenceOperation reference => reference.Method,
                _ => null,
            };
            if (function is { IsAsync: true, ReturnsVoid: true } && IsLoopCallback(operation, symbols))
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, GetLocation(operation.Syntax), CodeUnitNames.Describe(function)));
            foreach (var child in operation.ChildOperations)
                pending.Push(child);
        }
    }

    private static bool IsLoopCallback(IOperation delegateOperation, LoopSymbols symbols) =>
        CallGraphBuilder.GetReceivingParameter(delegateOperation) is { } parameter && symbols.HasAttribute(parameter, symbols.RunsOnLoopAttribute);

    private static Location GetLocation(SyntaxNode syntax) =>
        syntax is AnonymousFunctionExpressionSyntax { AsyncKeyword.RawKind: not 0 } lambda ? lambda.AsyncKeyword.GetLocation() : syntax.GetLocation();

    /// <summary>Loop-phase attributes only: an async void <c>[LoopThread]</c> method is not itself a callback.</summary>
    private static bool HasLoopPhaseAttribute(IMethodSymbol method, LoopSymbols symbols)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (symbols.IsLoopPhaseAttribute(attribute.AttributeClass)
                && !SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.LoopThreadAttribute))
                return true;
        }

        return false;
    }
}
