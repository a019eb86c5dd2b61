namespace Loopwire.Internal;

/// <summary>
/// Holds a callback and its value-type state so that the state is not boxed as <see cref="object"/>. One-shot
/// boxes come from a small per-thread pool, so queueing value-type state on the loop thread allocates nothing once
/// warm.
/// </summary>
internal sealed class StateBox<TState>
{
    private const int MaxPooled = 4096;

    /// <summary>Calls a repeating box's callback with its state.</summary>
    public static readonly Action<object?> InvokeAndKeep = static box =>
    {
        var self = (StateBox<TState>)box!;
        self._callback!(self._value);
    };

    /// <summary>Calls a one-shot box's callback with its state, returning the box to the pool first.</summary>
    public static readonly Action<object?> InvokeAndReturn = static box =>
    {
        var self = (StateBox<TState>)box!;
        Action<TState> callback = self._callback!;
        TState value = self._value;
        self.Return();
        callback(value);
    };

    [ThreadStatic]
    private static StateBox<TState>? t_free;

    [ThreadStatic]
    private static int t_freeCount;

    private StateBox<TState>? _nextFree;
    private Action<TState>? _callback;
    private TState _value;

    public StateBox(Action<TState> callback, TState value)
    {
        _callback = callback;
        _value = value;
    }

    public static StateBox<TState> Rent(Action<TState> callback, TState value)
    {
        StateBox<TState>? box = t_free;
        if (box is null)
        {
            return new StateBox<TState>(callback, value);
        }

        t_free = box._nextFree;
        t_freeCount--;
        box._nextFree = null;
        box._callback = callback;
        box._value = value;
        return box;
    }

    private void Return()
    {
        _callback = null;
        _value = default!;
        // Boxes rented on other threads (Post) come home to the loop thread; the cap keeps that from growing forever.
        if (t_freeCount < MaxPooled)
        {
            _nextFree = t_free;
            t_free = this;
            t_freeCount++;
        }
    }
}
