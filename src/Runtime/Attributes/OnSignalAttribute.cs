namespace Loopwire;

/// <summary>Runs the method when the process receives <see cref="Signal"/>.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnSignalAttribute : Attribute
{
    /// <summary>Runs the method when the process receives <paramref name="signal"/>.</summary>
    /// <param name="signal">The POSIX signal to handle.</param>
    public OnSignalAttribute(System.Runtime.InteropServices.PosixSignal signal) => Signal = signal;

    /// <summary>The POSIX signal handled.</summary>
    public System.Runtime.InteropServices.PosixSignal Signal { get; }
}
