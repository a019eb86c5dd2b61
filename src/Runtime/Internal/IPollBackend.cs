namespace Loopwire.Internal;

/// <summary>
/// The seam between the loop and the operating system's readiness mechanism. The portable backend only waits for
/// the cross-thread inbox; an epoll backend would also dispatch file-descriptor events from <see cref="Poll"/>.
/// </summary>
internal interface IPollBackend : IDisposable
{
    /// <summary>Blocks for at most <paramref name="timeoutMs"/> milliseconds (-1: no limit) or until <see cref="Wake"/>.</summary>
    void Poll(int timeoutMs);

    /// <summary>Ends a current or the next <see cref="Poll"/> early. Safe from any thread.</summary>
    void Wake();
}
