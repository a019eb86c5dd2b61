using System.Runtime.CompilerServices;

namespace Loopwire.Internal;

/// <summary>
/// A callback the loop will invoke: a plain <see cref="Action"/>, or a one-argument delegate and its argument.
/// Being a two-reference struct, it lets every queue hold callbacks without a node allocation per entry, and
/// costs at most two stores to queue.
/// </summary>
internal struct LoopCallback
{
    // An Action, or any delegate taking one reference argument and returning void, called as Action<object?>.
    // Not readonly only so that Overwrite can store one field without the other.
    private Delegate _callback;
    private object? _state;

    private LoopCallback(Delegate callback, object? state)
    {
        _callback = callback;
        _state = state;
    }

    public static LoopCallback From(Action callback) => new(callback, null);

    /// <summary>A callback that is invoked once: value-type state travels in a pooled box, returned after the call.</summary>
    public static LoopCallback Once<TState>(Action<TState> callback, TState state) =>
        typeof(TState).IsValueType
            ? new(StateBox<TState>.InvokeAndReturn, StateBox<TState>.Rent(callback, state))
            : new(callback, state);

    /// <summary>A callback that may be invoked many times (timers, phase handles): value-type state is boxed once.</summary>
    public static LoopCallback Repeating<TState>(Action<TState> callback, TState state) =>
        typeof(TState).IsValueType
            ? new(StateBox<TState>.InvokeAndKeep, new StateBox<TState>(callback, state))
            : new(callback, state);

    /// <summary>A static dispatcher and the runtime object (a handle, a work request) it is called with.</summary>
    public static LoopCallback ForTarget(Action<object?> invoker, object target) => new(invoker, target);

    /// <summary>A <see cref="SendOrPostCallback"/>, which has <see cref="Action{T}"/>'s shape, and its state.</summary>
    public static LoopCallback ForPost(SendOrPostCallback callback, object? state) => new(callback, state);

    /// <summary>
    /// Stores <paramref name="value"/> over this queue slot, skipping each reference the slot already holds. A
    /// reference store into the loop's long-lived queues runs a GC write barrier (the costliest part of queueing
    /// once a collection has promoted them). Within one drain, a callback that queues itself again with the same
    /// state, as a chain of ticks does, finds both already there a lap of the ring later.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Overwrite(LoopCallback value)
    {
        if (!ReferenceEquals(_callback, value._callback))
        {
            _callback = value._callback;
        }

        if (!ReferenceEquals(_state, value._state))
        {
            _state = value._state;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Invoke()
    {
        if (_callback is Action action)
        {
            action();
        }
        else
        {
            // Every delegate stored with state takes one reference argument and returns void, so each is invoked
            // the same way whatever its declared type: as Action<object?>, with no generic invoker and no cast.
            Unsafe.As<Action<object?>>(_callback)(_state);
        }
    }
}
