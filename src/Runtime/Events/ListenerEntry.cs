namespace Loopwire.Events;

/// <summary>One registered listener as stored in a <see cref="ListenerList{TListener}"/>.</summary>
/// <typeparam name="TListener">The delegate type the emit invokes.</typeparam>
public readonly struct ListenerEntry<TListener>
    where TListener : Delegate
{
    internal ListenerEntry(TListener listener, Delegate original, OnceState? once)
    {
        Listener = listener;
        Original = original;
        Once = once;
    }

    /// <summary>The delegate the emit invokes (an adapter when the user's listener is asynchronous).</summary>
    public TListener Listener { get; }

    /// <summary>The delegate the user registered; removal and introspection match on it.</summary>
    public Delegate Original { get; }

    /// <summary>Whether the listener is removed before its first call.</summary>
    public bool IsOnce => Once is not null;

    internal OnceState? Once { get; }
}
