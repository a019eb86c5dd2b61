namespace Loopwire;

/// <summary>
/// The base of every loop handle (timers, check/prepare/idle handles, async handles, sockets): an object bound to
/// one loop that keeps it alive while active and ref'd (L1, L2), and is closed once (L10).
/// </summary>
public abstract class Handle : IDisposable
{
    private Action? _onClosed;

    private protected Handle(EventLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        loop.VerifyLoopThread();
        Loop = loop;
    }

    /// <summary>The loop this handle belongs to.</summary>
    public EventLoop Loop { get; }

    /// <summary>Whether the handle keeps the loop alive while active (L2). New handles are ref'd.</summary>
    public bool HasRef { get; private set; } = true;

    /// <summary>Whether the handle is started: a pending timer, a started check handle, an open async handle.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Whether <see cref="Close"/> has been called (the close callback may not have run yet).</summary>
    public bool IsClosing { get; private set; }

    /// <summary>Whether the handle's close callback has run.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Makes the handle keep the loop alive while active. Ref is a flag, not a counter (L2).</summary>
    public void Ref()
    {
        Loop.VerifyLoopThread();
        if (!HasRef)
        {
            HasRef = true;
            if (IsActive)
            {
                Loop.ActiveRefHandles++;
            }
        }
    }

    /// <summary>Lets the loop exit even while this handle is active; the handle keeps working (L2).</summary>
    public void Unref()
    {
        Loop.VerifyLoopThread();
        if (HasRef)
        {
            HasRef = false;
            if (IsActive)
            {
                Loop.ActiveRefHandles--;
            }
        }
    }

    /// <summary>
    /// Stops the handle at once and runs <paramref name="onClosed"/> in the close phase of this iteration (L10).
    /// </summary>
    /// <param name="onClosed">Called on the loop thread once the handle is closed.</param>
    /// <exception cref="InvalidOperationException">The handle was already closed.</exception>
    public void Close([RunsOnLoop] Action? onClosed = null)
    {
        Loop.VerifyLoopThread();
        if (IsClosing)
        {
            throw new InvalidOperationException(
                $"This {GetType().Name} is already closed or closing; a handle can be closed only once (L10). Check IsClosing first, or use Dispose, which ignores repeated calls.");
        }

        IsClosing = true;
        OnClosing();
        SetActive(false);
        _onClosed = onClosed;
        Loop.AddClosing(this);
    }

    /// <summary>Closes the handle if it is not already closing; repeated calls do nothing.</summary>
    public void Dispose()
    {
        if (!IsClosing)
        {
            Close();
        }
    }

    /// <summary>Stops whatever the handle does; called once, by <see cref="Close"/>.</summary>
    private protected abstract void OnClosing();

    /// <summary>
    /// Runs in the close phase, before the close callback: where an emitter handle emits its <c>close</c> event, so
    /// that listeners added earlier run before the callback, as Node's <c>server.close(callback)</c> orders them.
    /// </summary>
    private protected virtual void OnClosed()
    {
    }

    private protected void SetActive(bool active)
    {
        if (IsActive == active)
        {
            return;
        }

        IsActive = active;
        if (HasRef)
        {
            Loop.ActiveRefHandles += active ? 1 : -1;
        }
    }

    private protected void ThrowIfClosing()
    {
        if (IsClosing)
        {
            throw new ObjectDisposedException(GetType().Name, $"This {GetType().Name} is closed; create a new one.");
        }
    }

    /// <summary>Runs in the close phase: the handle is now closed and its callback runs.</summary>
    internal void FinishClose()
    {
        IsClosed = true;
        Action? onClosed = _onClosed;
        _onClosed = null;
        try
        {
            OnClosed();
        }
        finally
        {
            // A throwing close listener goes to the loop as uncaught (N8); the close callback still runs.
            onClosed?.Invoke();
        }
    }
}
