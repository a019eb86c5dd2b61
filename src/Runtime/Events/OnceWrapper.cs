namespace Loopwire.Events;

/// <summary>
/// Builds the delegate a once listener is registered as (E5): it calls <paramref name="guard"/>'s
/// <see cref="OnceGuard{TListener}.TryFire"/> and then, only if that returned <see langword="true"/>, the listener.
/// Emitters pass one per listener type, because only code that knows the delegate's parameters can forward them.
/// </summary>
/// <typeparam name="TListener">The delegate type the emit invokes.</typeparam>
/// <param name="guard">The registration the wrapper fires.</param>
/// <param name="listener">The listener to call once.</param>
/// <returns>The wrapper.</returns>
public delegate TListener OnceWrapper<TListener>(OnceGuard<TListener> guard, TListener listener)
    where TListener : Delegate;
