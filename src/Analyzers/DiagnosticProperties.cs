namespace Loopwire.Analyzers;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> shared with the code fixes.</summary>
internal static class DiagnosticProperties
{
    /// <summary>The member name given by <c>[Blocking(Alternative = ...)]</c>, preferred over the XAsync convention.</summary>
    public const string Alternative = "Alternative";
}
