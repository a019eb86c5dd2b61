using System.Runtime.CompilerServices;

namespace Loopwire.Internal;

/// <summary>
/// A callback the loop will invoke: a plain <see cref="Action"/>, an <see cref="Action{T}"/> with reference-type
/// state, or a target with a static invoker. Being a struct, it lets every queue hold callbacks without a node
/// allocation per entry.
/// </summary>
internal readonly struct LoopCallback
{
    private readonly object _target;
    private readonly object? _state;
    private readonly Action<object, object?>? _invoker;

    private LoopCallback(object target, object? state, Action<object, object?>? invoker)
    {
        _target = target;
        _state = state;
        _invoker = invoker;
    }

    public static LoopCallback From(Action callback) => new(callback, null, null);

    /// <summary>A callback that is invoked once: value-type state travels in a pooled box, returned after the call.</summary>
    public static LoopCallback Once<TState>(Action<TState> callback, TState state) =>
        typeof(TState).IsValueType
            ? new(callback, StateBox<TState>.Rent(state), StateInvoker<TState>.InvokeAndReturnBox)
            : new(callback, state, null);

    /// <summary>A callback that may be invoked many times (timers, phase handles): value-type state is boxed once.</summary>
    public static LoopCallback Repeating<TState>(Action<TState> callback, TState state) =>
        typeof(TState).IsValueType
            ? new(callback, new StateBox<TState>(state), StateInvoker<TState>.InvokeKeepingBox)
            : new(callback, state, null);

    /// <summary>A callback on a runtime object (a handle, a work request) dispatched through a static invoker.</summary>
    public static LoopCallback ForTarget(object target, object? state, Action<object, object?> invoker) => new(target, state, invoker);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke()
    {
        if (_invoker is not null)
        {
            _invoker(_target, _state);
        }
        else if (_target is Action action)
        {
            action();
        }
        else
        {
            // An Action<TState> over a reference type: every such delegate is invoked the same way, whatever
            // TState is, so calling it as Action<object?> skips a generic invoker and a cast on the hottest path.
            Unsafe.As<Action<object?>>(_target)(_state);
        }
    }

    private static class StateInvoker<TState>
    {
        public static readonly Action<object, object?> InvokeKeepingBox = static (callback, box) =>
            Unsafe.As<Action<TState>>(callback)(Unsafe.As<StateBox<TState>>(box)!.Value);

        public static readonly Action<object, object?> InvokeAndReturnBox = static (callback, box) =>
            Unsafe.As<Action<TState>>(callback)(Unsafe.As<StateBox<TState>>(box)!.TakeAndReturn());
    }
}
