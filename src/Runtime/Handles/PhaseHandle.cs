using Loopwire.Internal;

namespace Loopwire;

/// <summary>
/// A handle whose callback runs once per loop iteration in a fixed phase: the base of <see cref="IdleHandle"/>,
/// <see cref="PrepareHandle"/> and <see cref="CheckHandle"/> (L9).
/// </summary>
public abstract class PhaseHandle : Handle
{
    private LoopCallback _callback;

    private protected PhaseHandle(EventLoop loop)
        : base(loop)
    {
    }

    /// <summary>When the handle was last started, in the loop's start order; handles started during their phase wait a turn (L9).</summary>
    internal long StartStamp { get; private set; }

    internal LoopCallback Callback => _callback;

    private protected abstract PhaseHandleList List { get; }

    /// <summary>Starts calling <paramref name="callback"/> every iteration; restarting replaces the callback.</summary>
    /// <param name="callback">Runs on the loop thread in this handle's phase.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
    public void Start([RunsOnLoop] Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Start(LoopCallback.From(callback));
    }

    /// <summary>Starts calling <paramref name="callback"/> with <paramref name="state"/> every iteration, without a closure.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="callback">Runs on the loop thread in this handle's phase.</param>
    /// <param name="state">Passed to every call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
    public void Start<TState>([RunsOnLoop] Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Start(LoopCallback.Repeating(callback, state));
    }

    /// <summary>Stops calling the callback; a handle stopped during its phase does not run in it (L9).</summary>
    public void Stop()
    {
        Loop.VerifyLoopThread();
        if (IsActive)
        {
            List.Remove(this);
            SetActive(false);
        }
    }

    private void Start(LoopCallback callback)
    {
        Loop.VerifyLoopThread();
        ThrowIfClosing();
        Stop();
        _callback = callback;
        StartStamp = Loop.NextStartStamp();
        List.Add(this);
        SetActive(true);
    }

    private protected override void OnClosing() => Stop();
}
