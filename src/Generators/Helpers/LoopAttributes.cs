using Loopwire.Generators.Models;
using Microsoft.CodeAnalysis;

namespace Loopwire.Generators.Helpers;

/// <summary>The loop-callback attributes of one compilation, resolved once, and what each declares.</summary>
internal sealed class LoopAttributes(Compilation compilation)
{
    /// <summary>The attributes' metadata names: the loop-phase attributes in <see cref="LoopCallbackKind"/>'s order, then <c>[OnEvent&lt;T&gt;]</c>.</summary>
    public static readonly string[] MetadataNames =
    [
        "Loopwire.OnIntervalAttribute",
        "Loopwire.OnPrepareAttribute",
        "Loopwire.OnIdleAttribute",
        "Loopwire.OnCheckAttribute",
        "Loopwire.OnSignalAttribute",
        OnEventMetadataName,
    ];

    private const string OnEventMetadataName = "Loopwire.OnEventAttribute`1";

    private readonly INamedTypeSymbol?[] _phaseAttributes =
    [
        compilation.GetTypeByMetadataName(MetadataNames[(int)LoopCallbackKind.Interval]),
        compilation.GetTypeByMetadataName(MetadataNames[(int)LoopCallbackKind.Prepare]),
        compilation.GetTypeByMetadataName(MetadataNames[(int)LoopCallbackKind.Idle]),
        compilation.GetTypeByMetadataName(MetadataNames[(int)LoopCallbackKind.Check]),
        compilation.GetTypeByMetadataName(MetadataNames[(int)LoopCallbackKind.Signal]),
    ];

    private readonly INamedTypeSymbol? _onEvent = compilation.GetTypeByMetadataName(OnEventMetadataName);

    /// <summary>Whether <paramref name="attribute"/> declares a loop callback or an event handler.</summary>
    public bool IsLoopCallback(AttributeData attribute) =>
        KindOf(attribute) is not null || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass?.OriginalDefinition, _onEvent);

    /// <summary>The handle a loop-phase attribute asks for; <see langword="null"/> for <c>[OnEvent&lt;T&gt;]</c> and any other attribute.</summary>
    public LoopCallbackKind? KindOf(AttributeData attribute)
    {
        var index = Array.FindIndex(_phaseAttributes, a => a is not null && SymbolEqualityComparer.Default.Equals(a, attribute.AttributeClass));
        return index < 0 ? null : (LoopCallbackKind)index;
    }
}
