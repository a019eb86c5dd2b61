using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>Short, readable names for the links of a chain: "Store.Load", "new Store", "lambda in Program.Main".</summary>
internal static class CodeUnitNames
{
    private static readonly SymbolDisplayFormat MemberFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

    public static string Describe(ISymbol symbol)
    {
        switch (symbol)
        {
            case IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda:
                return "lambda in " + Describe(OutermostMember(lambda));
            case IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName }:
                return "top-level statements";
            case IMethodSymbol { MethodKind: MethodKind.LocalFunction } local:
                return Describe(local.ContainingSymbol) + "." + local.Name;
            case IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor:
                return "new " + constructor.ContainingType.Name;
            case IPropertySymbol { IsIndexer: true } indexer:
                return indexer.ContainingType.Name + ".this[]";
            case IMethodSymbol { AssociatedSymbol: IPropertySymbol or IEventSymbol } accessor:
                return Describe(accessor.AssociatedSymbol);
            case IMethodSymbol { MethodKind: MethodKind.ReducedExtension } reduced:
                return Describe(reduced.ReducedFrom ?? reduced);
            default:
                return symbol.ToDisplayString(MemberFormat);
        }
    }

    /// <summary>The member a lambda sits in, however deeply nested in other lambdas.</summary>
    private static ISymbol OutermostMember(ISymbol symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } && symbol.ContainingSymbol is { } container)
            symbol = container;
        return symbol;
    }

    public static string Describe(CallGraphRoot root) =>
        root.ReceivedBy is null
            ? Describe(root.Function)
            : Describe(root.Function) + " passed to " + Describe(root.ReceivedBy);
}
