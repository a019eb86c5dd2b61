namespace Loopwire;

/// <summary>
/// Declares that a method blocks its calling thread, so Loopwire's analyzers report calls to it from loop code.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, Inherited = false)]
public sealed class BlockingAttribute : Attribute
{
    /// <summary>Declares a blocking method.</summary>
    public BlockingAttribute()
    {
    }

    /// <summary>Declares a blocking method and names the non-blocking alternative to suggest.</summary>
    /// <param name="alternative">The member to use instead, e.g. <c>"LoadAsync"</c>.</param>
    public BlockingAttribute(string alternative) => Alternative = alternative;

    /// <summary>The non-blocking member to suggest instead, if any.</summary>
    public string? Alternative { get; }
}
