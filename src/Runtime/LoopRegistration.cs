namespace Loopwire;

/// <summary>
/// What <c>loop.Attach(...)</c> wired to a loop: the handles it started (intervals, check, prepare, idle and signal
/// handles) and the listeners it subscribed. Disposing it closes the handles (their close callbacks run in the close
/// phase, L10) and unsubscribes the listeners at once. Belongs to the loop thread.
/// </summary>
public sealed class LoopRegistration : IDisposable
{
    private readonly List<Handle> _handles = [];
    private readonly List<Action> _detachments = [];

    /// <summary>Creates an empty registration on <paramref name="loop"/>; generated <c>Attach</c> methods fill it.</summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public LoopRegistration(EventLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        loop.VerifyLoopThread();
        Loop = loop;
    }

    /// <summary>The loop the handles belong to.</summary>
    public EventLoop Loop { get; }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>The handles this registration closes when disposed, in the order they were tracked.</summary>
    public IReadOnlyList<Handle> Handles => _handles;

    /// <summary>Closes <paramref name="handle"/> when this registration is disposed.</summary>
    /// <typeparam name="THandle">The handle's type, returned as is so that a call can go on with it.</typeparam>
    /// <param name="handle">A handle of <see cref="Loop"/>.</param>
    /// <returns><paramref name="handle"/>.</returns>
    /// <exception cref="ArgumentException">The handle belongs to another loop.</exception>
    /// <exception cref="ObjectDisposedException">The registration is disposed.</exception>
    public THandle Track<THandle>(THandle handle)
        where THandle : Handle
    {
        ArgumentNullException.ThrowIfNull(handle);
        ThrowIfDisposed();
        if (handle.Loop != Loop)
        {
            throw new ArgumentException("The handle belongs to another loop; a registration closes handles of its own loop only.", nameof(handle));
        }

        _handles.Add(handle);
        return handle;
    }

    /// <summary>Runs <paramref name="detach"/> when this registration is disposed: an unsubscription, typically.</summary>
    /// <param name="detach">Called on the loop thread by <see cref="Dispose"/>.</param>
    /// <exception cref="ObjectDisposedException">The registration is disposed.</exception>
    public void Track(Action detach)
    {
        ArgumentNullException.ThrowIfNull(detach);
        ThrowIfDisposed();
        _detachments.Add(detach);
    }

    /// <summary>Makes every handle keep the loop alive while active (L2); new handles are ref'd.</summary>
    /// <returns>This registration.</returns>
    public LoopRegistration Ref()
    {
        foreach (var handle in _handles)
        {
            handle.Ref();
        }

        return this;
    }

    /// <summary>
    /// Lets the loop exit while the handles are active, as <c>setInterval(...).unref()</c> does for one timer (L2):
    /// the callbacks keep running while something else keeps the loop alive.
    /// </summary>
    /// <returns>This registration.</returns>
    public LoopRegistration Unref()
    {
        foreach (var handle in _handles)
        {
            handle.Unref();
        }

        return this;
    }

    /// <summary>Unsubscribes the listeners and closes the handles; repeated calls do nothing.</summary>
    public void Dispose()
    {
        Loop.VerifyLoopThread();
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;

        // Handles first: closing one cannot throw, where a detachment raises removeListener, whose listeners might.
        foreach (var handle in _handles)
        {
            handle.Dispose();
        }

        foreach (var detach in _detachments)
        {
            detach();
        }
    }

    private void ThrowIfDisposed() =>
        ObjectDisposedException.ThrowIf(IsDisposed, this);
}
