using Microsoft.CodeAnalysis;

namespace Loopwire.Generators.Helpers;

/// <summary>What a type must be for a generator to add instance members to it in another file.</summary>
internal static class ClassRequirements
{
    /// <summary>
    /// What <paramref name="type"/> is when it is not a non-static, non-file-local class ("a static class", "a
    /// struct", ...); <see langword="null"/> when it is one. A file-local type cannot have a partial declaration in
    /// the generated file.
    /// </summary>
    public static string? WhyNotAClass(INamedTypeSymbol type) => type switch
    {
        { IsStatic: true } => "a static class",
        { IsFileLocal: true } => "a file-local class",
        { TypeKind: TypeKind.Class } => null,
        { IsRecord: true } => "a record struct",
        _ => Article(type.TypeKind.ToString().ToLowerInvariant()),
    };

    private static string Article(string kind) => ("aeiou".IndexOf(kind[0]) >= 0 ? "an " : "a ") + kind;
}
