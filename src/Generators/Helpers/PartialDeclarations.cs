using System.Collections.Generic;
using System.Linq;
using Loopwire.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Loopwire.Generators.Helpers;

/// <summary>Checks that a type the generator adds members to, and every type containing it, is declared partial.</summary>
internal static class PartialDeclarations
{
    /// <summary>
    /// Reports <paramref name="descriptor"/> (arguments: the type's name, then a suffix naming the generated type it
    /// contains, or empty) at each declaration in the chain that lacks <c>partial</c>.
    /// </summary>
    public static void Check(TypeDeclarationSyntax declaration, DiagnosticDescriptor descriptor, List<DiagnosticInfo> diagnostics)
    {
        var name = declaration.Identifier.ValueText;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(descriptor, declaration.Identifier.GetLocation(), name, ""));
        }

        for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(descriptor, parent.Identifier.GetLocation(), parent.Identifier.ValueText, $", since it contains '{name}'"));
            }
        }
    }
}
