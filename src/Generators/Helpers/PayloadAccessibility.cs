using Microsoft.CodeAnalysis;

namespace Loopwire.Generators.Helpers;

/// <summary>
/// Decides whether a payload type can appear in the public members generated on an emitter: it must be visible
/// everywhere the emitter is, else the generated On/Once/Off members would not compile (CS0051).
/// </summary>
internal static class PayloadAccessibility
{
    public static bool IsVisibleWherever(ITypeSymbol payload, INamedTypeSymbol emitter) => payload switch
    {
        IArrayTypeSymbol array => IsVisibleWherever(array.ElementType, emitter),
        INamedTypeSymbol named => IsNamedTypeVisible(named, emitter),
        _ => true,
    };

    private static bool IsNamedTypeVisible(INamedTypeSymbol payload, INamedTypeSymbol emitter)
    {
        // A file-local type cannot be named from the generated file at all.
        if (payload.IsFileLocal)
        {
            return false;
        }

        foreach (var argument in payload.TypeArguments)
        {
            if (!IsVisibleWherever(argument, emitter))
            {
                return false;
            }
        }

        for (var type = payload; type is not null; type = type.ContainingType)
        {
            var visible = type.DeclaredAccessibility switch
            {
                Accessibility.Public or Accessibility.NotApplicable => true,
                Accessibility.Internal or Accessibility.ProtectedOrInternal => !IsPublicEverywhere(emitter),
                _ => IsConfinedTo(emitter, type.ContainingType),
            };
            if (!visible)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPublicEverywhere(INamedTypeSymbol emitter)
    {
        for (var type = emitter; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    // Whether the emitter can only be seen inside `scope`: some type of its chain is private or protected within it.
    private static bool IsConfinedTo(INamedTypeSymbol emitter, INamedTypeSymbol? scope)
    {
        if (scope is null)
        {
            return false;
        }

        for (var type = emitter; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal
                && IsWithin(type.ContainingType, scope))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWithin(INamedTypeSymbol? type, INamedTypeSymbol scope)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, scope.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }
}
