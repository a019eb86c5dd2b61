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
/// Fixes LW1001 and LW1002 by awaiting: the async alternative of a blocking call (<c>File.ReadAllText</c> →
/// <c>await File.ReadAllTextAsync</c>, <c>Thread.Sleep</c> → <c>await Task.Delay</c>), or the task itself for
/// <c>.Result</c>, <c>.Wait()</c>, <c>GetAwaiter().GetResult()</c> and <c>Task.WaitAll</c> (→ <c>Task.WhenAll</c>).
/// The enclosing method becomes async when it safely can; fix-all converts each method once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitInsteadCodeFixProvider)), Shared]
public sealed class AwaitInsteadCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "Loopwire.AwaitInstead";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIdentifiers.BlockingCall, RuleIdentifiers.SynchronousTaskWait);

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
            if (Plan(root, model, diagnostic, context.CancellationToken) is not { } plan)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create(plan.Title, cancellationToken => FixAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var functionsToMakeAsync = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is not { } plan)
                continue;
            editor.ReplaceNode(plan.Replaced, plan.Replacement);
            if (plan.FunctionToMakeAsync is { } function)
                functionsToMakeAsync.Add(function);
        }

        foreach (var function in functionsToMakeAsync)
            editor.ReplaceNode(function, (current, _) => AsyncConversion.MakeAsync(current));
        return editor.GetChangedDocument();
    }

    private static Fix? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node
            || !AsyncConversion.TryGetAwaitContext(node, model, cancellationToken, out var function, out var needsAsync))
            return null;

        var awaited = diagnostic.Id == RuleIdentifiers.SynchronousTaskWait
            ? PlanTaskWait(node, model, cancellationToken)
            : PlanBlockingCall(node, model, diagnostic, function, cancellationToken);
        if (awaited is not var (expression, title))
            return null;
        return new Fix(title, node, AsyncConversion.Await(expression, node), needsAsync ? function : null);
    }

    /// <summary><c>t.Result</c>, <c>t.Wait()</c>, <c>t[.ConfigureAwait(x)].GetAwaiter().GetResult()</c>, <c>Task.WaitAll(ts)</c>.</summary>
    private static (ExpressionSyntax Awaited, string Title)? PlanTaskWait(ExpressionSyntax node, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result:
                return (result.Expression, "Await the task instead of reading Result");
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter } } }:
                return (WithoutConfigureAwait(getAwaiter.Expression), "Await the task instead of GetAwaiter().GetResult()");
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait, ArgumentList.Arguments.Count: 0 }
                when model.GetSymbolInfo(node, cancellationToken).Symbol is IMethodSymbol { IsStatic: false }:
                return (wait.Expression, "Await the task instead of Wait()");
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WaitAll" } waitAll } invocation
                when model.GetSymbolInfo(node, cancellationToken).Symbol is IMethodSymbol { IsStatic: true, Parameters.Length: 1 }:
                return (invocation.WithExpression(waitAll.WithName(SyntaxFactory.IdentifierName("WhenAll"))), "Await Task.WhenAll instead of Task.WaitAll");
            default:
                return null;
        }
    }

    private static ExpressionSyntax WithoutConfigureAwait(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure }
            ? configure.Expression
            : expression;

    private static (ExpressionSyntax Awaited, string Title)? PlanBlockingCall(ExpressionSyntax node, SemanticModel model, Diagnostic diagnostic, SyntaxNode? function, CancellationToken cancellationToken)
    {
        if (node is not InvocationExpressionSyntax invocation || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol blocking)
            return null;
        var receiverType = invocation.Expression is MemberAccessExpressionSyntax access && !blocking.IsStatic
            ? model.GetTypeInfo(access.Expression, cancellationToken).Type
            : null;
        diagnostic.Properties.TryGetValue(DiagnosticProperties.Alternative, out var declaredName);
        var containingMethod = function is null ? null : model.GetDeclaredSymbol(function, cancellationToken) ?? model.GetSymbolInfo(function, cancellationToken).Symbol;
        if (AsyncAlternative.Find(blocking, receiverType, declaredName, containingMethod, model.Compilation) is not { } alternative)
            return null;

        var awaited = invocation.Expression switch
        {
            MemberAccessExpressionSyntax memberAccess when SymbolEqualityComparer.Default.Equals(alternative.ContainingType, blocking.ContainingType) || !alternative.IsStatic =>
                invocation.WithExpression(memberAccess.WithName(SyntaxFactory.IdentifierName(alternative.Name))),
            SimpleNameSyntax when SymbolEqualityComparer.Default.Equals(alternative.ContainingType, blocking.ContainingType) =>
                invocation.WithExpression(SyntaxFactory.IdentifierName(alternative.Name)),
            _ => invocation.WithExpression(QualifiedStaticName(alternative)),
        };
        return (awaited, $"Await '{alternative.ContainingType.Name}.{alternative.Name}'");
    }

    private static ExpressionSyntax QualifiedStaticName(IMethodSymbol method) =>
        SyntaxFactory.ParseExpression(method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + method.Name)
            .WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>One diagnostic's edit: the node to replace, its awaiting replacement, and the function to make async.</summary>
    private sealed class Fix
    {
        public Fix(string title, SyntaxNode replaced, ExpressionSyntax replacement, SyntaxNode? functionToMakeAsync)
        {
            Title = title;
            Replaced = replaced;
            Replacement = replacement;
            FunctionToMakeAsync = functionToMakeAsync;
        }

        public string Title { get; }

        public SyntaxNode Replaced { get; }

        public ExpressionSyntax Replacement { get; }

        public SyntaxNode? FunctionToMakeAsync { get; }
    }
}
