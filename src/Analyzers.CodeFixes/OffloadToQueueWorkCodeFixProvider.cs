using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace Loopwire.Analyzers.CodeFixes;

/// <summary>
/// Fixes LW1001 where awaiting is not possible (a synchronous callback, a loop-phase method) by moving the call to
/// the loop's pool: <c>loop.QueueWork(() => call, error => { ... })</c>. Offered for calls whose value is unused,
/// when an <c>EventLoop</c> is in scope; a fault is rethrown on the loop, where it reaches UncaughtException.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OffloadToQueueWorkCodeFixProvider)), Shared]
public sealed class OffloadToQueueWorkCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "Loopwire.OffloadToQueueWork";

    private const string AfterWork = "error => { if (error is not null) global::System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error); }";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.BlockingCall);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic, context.CancellationToken) is not var (_, loop))
                continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Run it on the pool with {loop}.QueueWork", cancellationToken => FixAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is not var (call, loop))
                continue;
            var queueWork = SyntaxFactory.ParseExpression($"{loop}.QueueWork(() => {call.WithoutTrivia()}, {AfterWork})");
            var exceptionDispatchInfo = queueWork.DescendantNodes().OfType<MemberAccessExpressionSyntax>().First(access => access.Name.Identifier.ValueText == "ExceptionDispatchInfo");
            queueWork = queueWork.ReplaceNode(exceptionDispatchInfo, exceptionDispatchInfo.WithAdditionalAnnotations(Simplifier.Annotation));
            editor.ReplaceNode(call, queueWork.WithTriviaFrom(call));
        }

        return editor.GetChangedDocument();
    }

    /// <summary>The blocking call, when its value is unused and it cannot be awaited, and the name of an EventLoop in scope.</summary>
    private static (InvocationExpressionSyntax Call, string Loop)? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call
            || !IsValueUnused(call)
            || AsyncConversion.TryGetAwaitContext(call, model, cancellationToken, out _, out _)
            || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { Name: not "Sleep" }
            || FindLoop(model, call, cancellationToken) is not { } loop)
            return null;
        return (call, loop);
    }

    private static bool IsValueUnused(InvocationExpressionSyntax call) =>
        call.Parent is ExpressionStatementSyntax
        || (call.Parent is AnonymousFunctionExpressionSyntax lambda && lambda.ExpressionBody == call);

    /// <summary>A parameter, local, field or property of type <c>Loopwire.EventLoop</c> usable where the call is.</summary>
    private static string? FindLoop(SemanticModel model, SyntaxNode call, CancellationToken cancellationToken)
    {
        var eventLoop = model.Compilation.GetTypeByMetadataName("Loopwire.EventLoop");
        if (eventLoop is null)
            return null;
        var inStaticContext = model.GetEnclosingSymbol(call.SpanStart, cancellationToken) is { IsStatic: true } enclosing
            && enclosing is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction };
        foreach (var symbol in model.LookupSymbols(call.SpanStart))
        {
            var type = symbol switch
            {
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                IFieldSymbol field when field.IsStatic || !inStaticContext => field.Type,
                IPropertySymbol property when property.IsStatic || !inStaticContext => property.Type,
                _ => null,
            };
            if (SymbolEqualityComparer.Default.Equals(type, eventLoop))
                return symbol.Name;
        }

        return null;
    }
}
