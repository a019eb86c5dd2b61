namespace Loopwire;

/// <summary>
/// Marks a loop API that is safe to call from any thread (<see cref="EventLoop.Post(System.Action)"/>,
/// <see cref="EventLoop.Stop"/>, <see cref="AsyncHandle.Send"/>). Every other member of the loop and its handles
/// must be called on the loop thread; Loopwire's analyzers flag calls to them from pool code.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
public sealed class AnyThreadAttribute : Attribute
{
}
