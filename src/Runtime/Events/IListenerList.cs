namespace Loopwire.Events;

/// <summary>What an emitter needs from any of its listener lists, whatever the listener type.</summary>
public interface IListenerList
{
    /// <summary>The event's wire name.</summary>
    string EventName { get; }

    /// <summary>The number of registered listeners.</summary>
    int Count { get; }

    /// <summary>Removes the most recently added listener equal to <paramref name="listener"/>.</summary>
    /// <param name="listener">The delegate that was registered.</param>
    /// <returns>Whether a listener was removed.</returns>
    bool Remove(Delegate listener);

    /// <summary>Removes every listener, last first, raising <c>removeListener</c> for each (E7).</summary>
    void RemoveAll();

    /// <summary>The registered listeners as the user passed them, in call order.</summary>
    /// <returns>A new array.</returns>
    Delegate[] GetListeners();

    /// <summary>The registered listeners with their once flags, in call order.</summary>
    /// <returns>A new array.</returns>
    RawListener[] GetRawListeners();
}
