using Microsoft.CodeAnalysis.CSharp;

namespace Loopwire.Generators.Helpers;

/// <summary>Identifiers as generated code writes them.</summary>
internal static class Identifiers
{
    /// <summary>The name, prefixed with <c>@</c> when it is a keyword.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>The name with its first letter in lower case: Node's event name for a method, a parameter name for a type.</summary>
    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);
}
