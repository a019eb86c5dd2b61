using Microsoft.CodeAnalysis;

namespace Loopwire.Generators.Helpers;

/// <summary>The name an <c>[Event]</c> method has on the wire: the string-keyed surface, <c>[OnEvent&lt;T&gt;]</c>, Node.</summary>
internal static class WireNames
{
    /// <summary>
    /// The name given to <c>[Event("name")]</c>, else the method's name in camel case (<c>DataReceived</c> →
    /// <c>dataReceived</c>); <see langword="null"/> when the attribute's argument is null.
    /// </summary>
    public static string? Of(IMethodSymbol method, AttributeData eventAttribute) =>
        eventAttribute.ConstructorArguments.Length == 0
            ? Identifiers.Camel(method.Name)
            : eventAttribute.ConstructorArguments[0].Value as string;
}
