namespace Loopwire.Internal;

/// <summary>
/// Waits on a semaphore that producers release only when the loop is actually asleep, so a busy loop pays one
/// volatile read per post and never a kernel transition.
/// </summary>
internal sealed class PortableBackend : IPollBackend
{
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly Func<bool> _hasWork;
    private int _sleeping;

    /// <param name="hasWork">Re-checked after announcing sleep, so a post that raced the announcement is not missed.</param>
    public PortableBackend(Func<bool> hasWork) => _hasWork = hasWork;

    public void Poll(int timeoutMs)
    {
        if (timeoutMs == 0)
        {
            return;
        }

        Interlocked.Exchange(ref _sleeping, 1);
        if (_hasWork() || !_wakeUp.Wait(timeoutMs))
        {
            // Either work raced in, or we timed out: if a producer already claimed the wake-up, absorb its release.
            if (Interlocked.Exchange(ref _sleeping, 0) == 0)
            {
                _wakeUp.Wait();
            }
        }
    }

    public void Wake()
    {
        // The caller just published work (or the stop flag); the loop announces sleep and then looks for work.
        // A full fence on both sides means at least one of them sees the other's write, so no wake-up is lost.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _wakeUp.Release();
        }
    }

    public void Dispose() => _wakeUp.Dispose();
}
