namespace Loopwire;

/// <summary>Settings for a new <see cref="EventLoop"/>.</summary>
public sealed class EventLoopOptions
{
    private int? _threadPoolSize;
    private PollBackend _pollBackend;

    /// <summary>
    /// Gives the loop a work pool of its own with this many threads (1..1024), disposed with the loop. When null
    /// (the default) the loop uses <see cref="WorkPool.Shared"/>, sized by <c>LOOPWIRE_THREADPOOL_SIZE</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1..1024.</exception>
    public int? ThreadPoolSize
    {
        get => _threadPoolSize;
        set
        {
            if (value is < WorkPool.MinSize or > WorkPool.MaxSize)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"ThreadPoolSize must be {WorkPool.MinSize} to {WorkPool.MaxSize}, or null for the shared pool.");
            }

            _threadPoolSize = value;
        }
    }

    /// <summary>The clock behind <see cref="EventLoop.Now"/>; tests pass a controllable one. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// What the poll phase waits on: <see cref="PollBackend.Default"/> (epoll on Linux, unless the
    /// <c>LOOPWIRE_POLL_BACKEND</c> environment variable says <c>portable</c>), or a backend forced, as tests do to
    /// run both. <see cref="EventLoop.PollBackend"/> tells which one a loop got.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a <see cref="Loopwire.PollBackend"/> member.</exception>
    public PollBackend PollBackend
    {
        get => _pollBackend;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "PollBackend must be Default, Epoll or Portable.");
            }

            _pollBackend = value;
        }
    }
}
