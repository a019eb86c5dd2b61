using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.CodeFixes;

/// <summary>
/// Finds the awaitable counterpart of a blocking method: <c>[Blocking("Name")]</c>'s alternative or <c>NameAsync</c>,
/// on the receiver's type or the declaring type, with the same parameters and at most an extra optional
/// <c>CancellationToken</c>; <c>Thread.Sleep</c> maps to <c>Task.Delay</c>. Never the method the call sits in,
/// which would turn a blocking call into unbounded recursion.
/// </summary>
internal static class AsyncAlternative
{
    public static IMethodSymbol? Find(IMethodSymbol blocking, ITypeSymbol? receiverType, string? declaredName, ISymbol? containingMethod, Compilation compilation)
    {
        if (blocking.Name == "Sleep" && blocking.ContainingType.ToDisplayString() == "System.Threading.Thread")
            return FindIn(compilation.GetTypeByMetadataName("System.Threading.Tasks.Task"), "Delay", blocking, containingMethod);

        var name = declaredName ?? blocking.Name + "Async";
        for (var type = receiverType as INamedTypeSymbol; type is not null; type = type.BaseType)
        {
            if (FindIn(type, name, blocking, containingMethod) is { } onReceiver)
                return onReceiver;
        }

        return FindIn(blocking.ContainingType, name, blocking, containingMethod);
    }

    private static IMethodSymbol? FindIn(INamedTypeSymbol? type, string name, IMethodSymbol blocking, ISymbol? containingMethod)
    {
        if (type is null)
            return null;
        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol candidate
                && candidate.IsStatic == blocking.IsStatic
                && IsAwaitable(candidate.ReturnType)
                && HasMatchingParameters(candidate, blocking)
                && !SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, containingMethod?.OriginalDefinition))
                return candidate;
        }

        return null;
    }

    private static bool HasMatchingParameters(IMethodSymbol candidate, IMethodSymbol blocking)
    {
        var extra = candidate.Parameters.Length - blocking.Parameters.Length;
        if (extra is not (0 or 1))
            return false;
        for (var i = 0; i < blocking.Parameters.Length; i++)
        {
            var expected = blocking.Parameters[i];
            var actual = candidate.Parameters[i];
            if (actual.RefKind != expected.RefKind || !SymbolEqualityComparer.Default.Equals(actual.Type, expected.Type))
                return false;
        }

        return extra == 0
            || candidate.Parameters[candidate.Parameters.Length - 1] is { IsOptional: true, Type: { Name: "CancellationToken" } };
    }

    private static bool IsAwaitable(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace.Name: "Threading" } };
}
