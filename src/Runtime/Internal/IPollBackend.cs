namespace Loopwire.Internal;

/// <summary>
/// The seam between the loop and the operating system's readiness mechanism. <see cref="PortableBackend"/> only waits
/// for the cross-thread inbox; <see cref="Linux.EpollBackend"/> also dispatches sockets' readiness from
/// <see cref="Poll"/>, as libuv's <c>uv__io_poll</c>.
/// </summary>
internal interface IPollBackend : IDisposable
{
    /// <summary>
    /// Blocks for at most <paramref name="timeoutMs"/> milliseconds (-1: no limit; 0: only looks) or until
    /// <see cref="Wake"/>, running the callbacks of what became ready meanwhile.
    /// </summary>
    void Poll(int timeoutMs);

    /// <summary>Ends a current or the next <see cref="Poll"/> early. Safe from any thread.</summary>
    void Wake();
}
