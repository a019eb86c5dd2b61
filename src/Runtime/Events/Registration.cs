namespace Loopwire.Events;

/// <summary>Who registered a listener: what removal and introspection match on, beside the delegate the emit calls.</summary>
/// <typeparam name="TListener">The delegate type the emit invokes.</typeparam>
/// <param name="Original">The delegate the user passed.</param>
/// <param name="Once">The listener's once-registration, or <see langword="null"/> for a listener that stays.</param>
internal readonly record struct Registration<TListener>(Delegate Original, OnceGuard<TListener>? Once)
    where TListener : Delegate;
