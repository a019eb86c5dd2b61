namespace Loopwire;

/// <summary>Settings for a new <see cref="EventLoop"/>.</summary>
public sealed class EventLoopOptions
{
    private int? _threadPoolSize;

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
}
