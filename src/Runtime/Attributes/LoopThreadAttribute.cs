namespace Loopwire;

/// <summary>
/// Declares that a method (or every method of a type) runs on the loop thread, so Loopwire's analyzers check it
/// and everything it calls for blocking calls.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property | AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class LoopThreadAttribute : Attribute
{
}
