namespace Loopwire;

/// <summary>Runs the method in the prepare phase of every loop iteration, right before polling for I/O.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnPrepareAttribute : Attribute
{
}
