using System.Collections.Generic;
using System.Linq;
using Loopwire.Generators.Helpers;
using Microsoft.CodeAnalysis;

namespace Loopwire.Generators.Models;

/// <summary>Where a generated type sits: its namespace and its containing types, outermost first, ending with the type.</summary>
/// <param name="HintName">The generated file name, from the metadata name (<c>Ns.Outer+Server`1.g.cs</c>).</param>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the global one.</param>
/// <param name="Types">The nesting chain, outermost first.</param>
/// <param name="FullyQualifiedName">The type as generated code references it.</param>
/// <param name="DisplayName">The type's name as messages and leak warnings print it.</param>
internal sealed record HierarchyInfo(
    string HintName,
    string? Namespace,
    EquatableArray<TypeDeclarationInfo> Types,
    string FullyQualifiedName,
    string DisplayName)
{
    /// <summary>Reads the hierarchy of <paramref name="type"/>; <paramref name="hintSuffix"/> goes before <c>.g.cs</c>.</summary>
    public static HierarchyInfo From(INamedTypeSymbol type, string hintSuffix = "")
    {
        var chain = new List<INamedTypeSymbol>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, current);
        }

        var ns = type.ContainingNamespace.IsGlobalNamespace
            ? null
            : type.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");
        var metadataName = string.Join("+", chain.Select(t => t.MetadataName));
        var hintName = (ns is null ? metadataName : ns.Replace("@", "") + "." + metadataName) + hintSuffix + ".g.cs";
        var types = chain.Select(t => new TypeDeclarationInfo(Keyword(t), NameWithTypeParameters(t))).ToEquatableArray();
        return new HierarchyInfo(hintName, ns, types, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), type.Name);
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Interface } => "interface",
        { TypeKind: TypeKind.Struct, IsRecord: true } => "record struct",
        { TypeKind: TypeKind.Struct } => "struct",
        { IsRecord: true } => "record",
        _ => "class",
    };

    private static string NameWithTypeParameters(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0
            ? Identifiers.Escape(type.Name)
            : $"{Identifiers.Escape(type.Name)}<{string.Join(", ", type.TypeParameters.Select(p => Identifiers.Escape(p.Name)))}>";
}
