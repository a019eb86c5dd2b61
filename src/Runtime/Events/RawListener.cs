namespace Loopwire.Events;

/// <summary>A listener as registered, with its once flag: what Node's <c>rawListeners</c> exposes as a wrapper (E8).</summary>
/// <param name="Listener">The delegate the user registered.</param>
/// <param name="IsOnce">Whether the listener will be removed before its first call.</param>
public readonly record struct RawListener(Delegate Listener, bool IsOnce);
