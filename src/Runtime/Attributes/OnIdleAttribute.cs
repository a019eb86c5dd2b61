namespace Loopwire;

/// <summary>Runs the method in the idle phase of every loop iteration; an active idle handle keeps the poll from blocking.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnIdleAttribute : Attribute
{
}
