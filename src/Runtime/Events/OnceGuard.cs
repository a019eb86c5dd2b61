namespace Loopwire.Events;

/// <summary>
/// One once-registration (E5). The delegate a once listener is registered as calls <see cref="TryFire"/> before the
/// listener: the first call removes the registration, and a later one, from an emit whose snapshot still holds the
/// wrapper, finds it fired (Node's <c>onceWrapper.fired</c>).
/// </summary>
/// <typeparam name="TListener">The delegate type the emit invokes.</typeparam>
public sealed class OnceGuard<TListener>
    where TListener : Delegate
{
    private readonly ListenerList<TListener> _list;
    private bool _fired;

    internal OnceGuard(ListenerList<TListener> list) => _list = list;

    /// <summary>Removes the registration, the first time only.</summary>
    /// <returns>Whether the listener is to be called: <see langword="true"/> the first time only.</returns>
    public bool TryFire()
    {
        if (_fired)
        {
            return false;
        }

        _fired = true;
        _list.Remove(this);
        return true;
    }
}
