using Loopwire.Generators.Helpers;
using Microsoft.CodeAnalysis;

namespace Loopwire.Generators.Models;

/// <summary>A diagnostic to report, held as equatable data.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        new(descriptor, LocationInfo.From(location), new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location?.ToLocation(), [.. Arguments]);
}
