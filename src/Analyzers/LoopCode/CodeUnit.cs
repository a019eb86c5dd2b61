using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>
/// A node of the call graph: a member with a body, keyed by its symbol, or a lambda or local function, keyed by
/// where its syntax sits (their symbols are rebuilt by every binding, their positions are not).
/// </summary>
/// <remarks>
/// The position is the node's full span, trivia included: it is as unique as the span and stored on the node,
/// while the span without trivia is recomputed on every call, and every call inside a lambda asks for its unit.
/// </remarks>
internal readonly struct CodeUnit : IEquatable<CodeUnit>
{
    private readonly IMethodSymbol? member;
    private readonly SyntaxTree? tree;
    private readonly TextSpan span;

    private CodeUnit(IMethodSymbol? member, SyntaxTree? tree, TextSpan span)
    {
        this.member = member;
        this.tree = tree;
        this.span = span;
    }

    public bool IsDefault => member is null && tree is null;

    public static CodeUnit ForFunction(SyntaxNode syntax) => new(null, syntax.SyntaxTree, syntax.FullSpan);

    /// <summary>The unit whose body a call to <paramref name="method"/> runs, or default when it has none in source.</summary>
    public static CodeUnit ForCallee(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            var references = method.DeclaringSyntaxReferences;
            return references.Length == 0 ? default : ForFunction(references[0].GetSyntax());
        }

        var canonical = Canonical(method);
        return canonical.DeclaringSyntaxReferences.Length == 0 && canonical.PartialImplementationPart is null
            ? default
            : new(canonical, null, default);
    }

    /// <summary>One symbol per member, whatever generic instantiation, extension form or partial part is at hand.</summary>
    public static IMethodSymbol Canonical(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        method = method.OriginalDefinition;
        return method.PartialDefinitionPart ?? method;
    }

    public bool Equals(CodeUnit other) =>
        member is not null
            ? SymbolEqualityComparer.Default.Equals(member, other.member)
            : other.member is null && tree == other.tree && span == other.span;

    public override bool Equals(object? obj) => obj is CodeUnit other && Equals(other);

    public override int GetHashCode() =>
        member is not null ? SymbolEqualityComparer.Default.GetHashCode(member) : (tree?.GetHashCode() ?? 0) ^ span.GetHashCode();
}
