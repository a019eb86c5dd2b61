namespace Loopwire.Internal;

/// <summary>
/// Holds value-type state for a queued callback so that it is not boxed as <see cref="object"/>. One-shot boxes
/// come from a small per-thread pool, so queueing value-type state on the loop thread allocates nothing once warm.
/// </summary>
internal sealed class StateBox<TState>
{
    private const int MaxPooled = 4096;

    [ThreadStatic]
    private static StateBox<TState>? t_free;

    [ThreadStatic]
    private static int t_freeCount;

    private StateBox<TState>? _nextFree;

    public StateBox(TState value) => Value = value;

    public TState Value { get; private set; }

    public static StateBox<TState> Rent(TState value)
    {
        StateBox<TState>? box = t_free;
        if (box is null)
        {
            return new StateBox<TState>(value);
        }

        t_free = box._nextFree;
        t_freeCount--;
        box._nextFree = null;
        box.Value = value;
        return box;
    }

    public TState TakeAndReturn()
    {
        TState value = Value;
        Value = default!;
        // Boxes rented on other threads (Post) come home to the loop thread; the cap keeps that from growing forever.
        if (t_freeCount < MaxPooled)
        {
            _nextFree = t_free;
            t_free = this;
            t_freeCount++;
        }

        return value;
    }
}
