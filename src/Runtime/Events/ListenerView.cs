namespace Loopwire.Events;

/// <summary>Introspection of one event's listeners (E8), as generated <c>Listeners</c> members return it.</summary>
/// <typeparam name="TListener">The delegate type the emit invokes.</typeparam>
public readonly struct ListenerView<TListener>
    where TListener : Delegate
{
    private readonly ListenerList<TListener>? _list;

    /// <summary>Wraps an event's list, which is <see langword="null"/> until a first listener is added.</summary>
    /// <param name="list">The event's list.</param>
    public ListenerView(ListenerList<TListener>? list) => _list = list;

    /// <summary>The number of registered listeners.</summary>
    public int Count => _list?.Count ?? 0;

    /// <summary>The registered listeners as the user passed them, in call order.</summary>
    /// <returns>A new array.</returns>
    public Delegate[] ToArray() => _list?.GetListeners() ?? [];

    /// <summary>The registered listeners with their once flags, in call order.</summary>
    /// <returns>A new array.</returns>
    public RawListener[] Raw() => _list?.GetRawListeners() ?? [];

    /// <summary>Removes every listener of the event, last first, raising <c>removeListener</c> for each (E7).</summary>
    public void RemoveAll() => _list?.RemoveAll();
}
