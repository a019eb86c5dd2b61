using System.Linq;
using Microsoft.CodeAnalysis;

namespace Loopwire.Generators.Helpers;

/// <summary>
/// Declarations the compiler already rejects. The generator writes nothing for them: code built on a type that does
/// not exist would repeat the compiler's one error as dozens in the generated file.
/// </summary>
internal static class CompilerErrors
{
    /// <summary>Whether <paramref name="type"/> is, or is built from, a type the compiler could not bind.</summary>
    public static bool InType(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => InType(array.ElementType),
        IPointerTypeSymbol pointer => InType(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.Any(InType),
        _ => false,
    };

    /// <summary>Whether a parameter list is one the compiler rejects: an unbound or void type, or a repeated name.</summary>
    public static bool InParameters(IMethodSymbol method) =>
        method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_Void || InType(p.Type))
        || method.Parameters.Select(p => p.Name).Distinct().Count() != method.Parameters.Length;

    /// <summary>Whether a type parameter of <paramref name="type"/> or of a type containing it has an unbound constraint.</summary>
    public static bool InConstraints(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Any(parameter => parameter.ConstraintTypes.Any(InType)))
            {
                return true;
            }
        }

        return false;
    }
}
