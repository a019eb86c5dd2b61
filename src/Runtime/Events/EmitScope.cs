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
    private readonly ListenerEntry<TListener>[] _snapshot;
    private readonly int _count;

    internal EmitScope(ListenerList<TListener> list, ListenerEntry<TListener>[] snapshot, int count)
    {
        _list = list;
        _snapshot = snapshot;
        _count = count;
    }

    /// <summary>The listeners to call, in order.</summary>
    public ReadOnlySpan<ListenerEntry<TListener>> Listeners
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(_snapshot, 0, _count);
    }

    /// <summary>Decides whether to call <paramref name="entry"/>: a once listener is removed first, and runs only once (E5).</summary>
    /// <param name="entry">The snapshot entry about to be called.</param>
    /// <returns><see langword="false"/> only for a once listener already fired, by a nested emit for example.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ShouldInvoke(in ListenerEntry<TListener> entry) => entry.Once is null || _list.Fire(entry.Once);

    /// <summary>Ends the emit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispose() => _list.EndEmit(_snapshot);
}
