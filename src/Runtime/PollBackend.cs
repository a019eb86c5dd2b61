namespace Loopwire;

/// <summary>What a loop's poll phase waits on (<see cref="EventLoopOptions.PollBackend"/>).</summary>
public enum PollBackend
{
    /// <summary>
    /// <see cref="Epoll"/> on Linux, <see cref="Portable"/> elsewhere; the environment variable
    /// <c>LOOPWIRE_POLL_BACKEND</c> (<c>epoll</c> or <c>portable</c>) overrides it.
    /// </summary>
    Default,

    /// <summary>
    /// Linux's epoll, as libuv: TCP sockets are non-blocking and read, written and accepted on the loop thread when
    /// the kernel reports them ready; other threads wake the loop through an eventfd.
    /// </summary>
    Epoll,

    /// <summary>
    /// Any system: socket operations run on .NET's socket threads and their completions are posted to the loop, whose
    /// poll phase waits for posts.
    /// </summary>
    Portable,
}
