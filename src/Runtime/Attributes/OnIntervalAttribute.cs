namespace Loopwire;

/// <summary>Runs the method in the timers phase every <see cref="Milliseconds"/> milliseconds.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnIntervalAttribute : Attribute
{
    /// <summary>Runs the method every <paramref name="milliseconds"/> milliseconds.</summary>
    /// <param name="milliseconds">The interval's period.</param>
    public OnIntervalAttribute(int milliseconds) => Milliseconds = milliseconds;

    /// <summary>The interval's period in milliseconds.</summary>
    public int Milliseconds { get; }
}
