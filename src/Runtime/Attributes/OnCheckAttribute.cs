namespace Loopwire;

/// <summary>Runs the method in the check phase of every loop iteration, right after polling for I/O.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnCheckAttribute : Attribute
{
}
