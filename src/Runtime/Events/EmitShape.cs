namespace Loopwire.Events;

/// <summary>
/// Which path an emit takes over a <see cref="ListenerList{TListener}"/>: the common small cases call their listeners
/// from their own call sites, with no snapshot bookkeeping; anything else iterates an <see cref="EmitScope{TListener}"/>.
/// </summary>
public enum EmitShape
{
    /// <summary>No listeners: the emit calls nothing.</summary>
    Empty,

    /// <summary>One listener, not a once listener: call <see cref="ListenerList{TListener}.First"/>.</summary>
    One,

    /// <summary>
    /// Two listeners, neither a once listener: read <see cref="ListenerList{TListener}.First"/> and
    /// <see cref="ListenerList{TListener}.Second"/>, then call them; the two locals are the emit's snapshot (E1).
    /// </summary>
    Two,

    /// <summary>More listeners, or a once listener among them: iterate <see cref="ListenerList{TListener}.BeginEmit"/>.</summary>
    Many,
}
