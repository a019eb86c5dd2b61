namespace Loopwire;

/// <summary>
/// Marks a delegate parameter whose argument is invoked on the loop thread. Loopwire's analyzers treat lambdas,
/// local functions and method groups passed to it as loop code.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class RunsOnLoopAttribute : Attribute
{
}
