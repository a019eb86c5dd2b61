using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Loopwire.Analyzers.CodeFixes;

/// <summary>
/// Decides whether the function around a blocking call may contain an <c>await</c>, and makes it <c>async</c>
/// where that is safe: a method or local function returning void becomes <c>async Task</c> unless its signature
/// is fixed by someone else (an override, an interface, a loop-phase attribute, a method group in the document).
/// Lambdas are only awaited in when already async, since an async void lambda is LW1005.
/// </summary>
internal static class AsyncConversion
{
    /// <summary>
    /// Finds the function that will contain the await. <paramref name="needsAsync"/> is true when it must still be
    /// made async; returns false when awaiting there is not possible or not safe.
    /// </summary>
    public static bool TryGetAwaitContext(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken, out SyntaxNode? function, out bool needsAsync)
    {
        function = null;
        needsAsync = false;
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LockStatementSyntax or QueryExpressionSyntax:
                    return false;
                case AnonymousFunctionExpressionSyntax lambda:
                    function = lambda;
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax or MethodDeclarationSyntax:
                    function = current;
                    return model.GetDeclaredSymbol(current, cancellationToken) is IMethodSymbol method
                        && (method.IsAsync || (needsAsync = CanBecomeAsync(current, method, cancellationToken)));
                case GlobalStatementSyntax:
                    return true;
                case MemberDeclarationSyntax or AccessorDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Adds <c>async</c> and turns a void return type into <c>Task</c>.</summary>
    public static SyntaxNode MakeAsync(SyntaxNode function) =>
        function switch
        {
            MethodDeclarationSyntax method => method.WithModifiers(AddAsync(method.Modifiers, method.ReturnType, out var returnType)).WithReturnType(returnType),
            LocalFunctionStatementSyntax local => local.WithModifiers(AddAsync(local.Modifiers, local.ReturnType, out var returnType)).WithReturnType(returnType),
            _ => function,
        };

    /// <summary>Appends <c>async</c> to the modifiers; with none, it takes over the return type's leading trivia.</summary>
    private static SyntaxTokenList AddAsync(SyntaxTokenList modifiers, TypeSyntax voidType, out TypeSyntax taskType)
    {
        var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        taskType = TaskType().WithTrailingTrivia(voidType.GetTrailingTrivia());
        if (modifiers.Count == 0)
            return SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(voidType.GetLeadingTrivia()));
        taskType = taskType.WithLeadingTrivia(voidType.GetLeadingTrivia());
        return modifiers.Add(asyncKeyword);
    }

    /// <summary>Wraps an expression in <c>await</c>, parenthesized only where the simplifier finds it necessary.</summary>
    public static ExpressionSyntax Await(ExpressionSyntax expression, SyntaxNode replaced) =>
        SyntaxFactory.ParenthesizedExpression(SyntaxFactory.AwaitExpression(expression.WithoutTrivia()))
            .WithTriviaFrom(replaced)
            .WithAdditionalAnnotations(Simplifier.Annotation);

    private static TypeSyntax TaskType() =>
        SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.Task").WithAdditionalAnnotations(Simplifier.Annotation);

    private static bool CanBecomeAsync(SyntaxNode declaration, IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (!method.ReturnsVoid || method.IsOverride || method.IsAbstract || method.IsExtern || method.IsVirtual
            || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null
            || !method.ExplicitInterfaceImplementations.IsEmpty || ImplementsInterface(method)
            || !method.GetAttributes().IsEmpty)
            return false;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType)
                return false;
        }

        return !ContainsYield(declaration) && !IsUsedAsMethodGroup(declaration, method.Name, cancellationToken);
    }

    private static bool ImplementsInterface(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null || method.MethodKind != MethodKind.Ordinary)
            return false;
        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                    return true;
            }
        }

        return false;
    }

    private static bool ContainsYield(SyntaxNode declaration) =>
        declaration.DescendantNodes(node => node == declaration || node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(node => node is YieldStatementSyntax);

    /// <summary>A method group converted to a void delegate would no longer compile once the method returns Task.</summary>
    private static bool IsUsedAsMethodGroup(SyntaxNode declaration, string name, CancellationToken cancellationToken)
    {
        foreach (var identifier in declaration.SyntaxTree.GetRoot(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != name)
                continue;
            var use = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : (ExpressionSyntax)identifier;
            if (use.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != use)
                return true;
        }

        return false;
    }
}
