using Loopwire.Generators.Helpers;

namespace Loopwire.Generators.Models;

/// <summary>Where the emitter sits: its namespace and its containing types, outermost first, ending with the emitter.</summary>
/// <param name="HintName">The generated file name, from the metadata name (<c>Ns.Outer+Server`1.g.cs</c>).</param>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the global one.</param>
/// <param name="Types">The nesting chain, outermost first.</param>
/// <param name="FullyQualifiedName">The emitter's type as generated code references it.</param>
/// <param name="DisplayName">The emitter's name as messages and leak warnings print it.</param>
internal sealed record HierarchyInfo(
    string HintName,
    string? Namespace,
    EquatableArray<TypeDeclarationInfo> Types,
    string FullyQualifiedName,
    string DisplayName);
