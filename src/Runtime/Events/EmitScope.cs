using System.Runtime.CompilerServices;

namespace Loopwire.Events;

/// <summary>
/// One emit in progress over a <see cref="ListenerList{TListener}"/>: the snapshot of listeners to call, fixed
/// for the emit's duration (E1). Dispose it when the emit ends, exception or not (<c>using</c>).
/// </summary>
/// <typeparam name="TListener">The delegate type the emit invokes.</typeparam>
public readonly ref struct EmitScope<TListener>
    where TListener : Delegate
{
    private readonly ListenerList<TListener> _list;
    private readonly TListener[] _snapshot;
    private readonly int _count;

    internal EmitScope(ListenerList<TListener> list, TListener[] snapshot, int count)
    {
        _list = list;
        _snapshot = snapshot;
        _count = count;
    }

    /// <summary>The listeners to call, in order; once listeners are wrappers that skip a second call themselves (E5).</summary>
    public ReadOnlySpan<TListener> Listeners
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(_snapshot, 0, _count);
    }

    /// <summary>Ends the emit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispose() => _list.EndEmit(_snapshot);
}
