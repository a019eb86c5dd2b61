namespace Loopwire;

/// <summary>
/// Marks a delegate parameter whose argument runs on a pool thread, off the loop. Loopwire's analyzers stop
/// following loop code at such a delegate, and flag loop-affine calls made inside it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class RunsOnPoolAttribute : Attribute
{
}
