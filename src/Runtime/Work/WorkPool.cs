using System.Collections.Concurrent;
using System.Globalization;

namespace Loopwire;

/// <summary>
/// A bounded set of worker threads that run blocking work off the loop: libuv's thread pool (L12). Workers start
/// on first use. Loops share <see cref="Shared"/> unless given their own size in <see cref="EventLoopOptions"/>.
/// </summary>
public sealed class WorkPool : IDisposable
{
    /// <summary>The smallest pool size accepted.</summary>
    public const int MinSize = 1;

    /// <summary>The largest pool size accepted.</summary>
    public const int MaxSize = 1024;

    /// <summary>The size of <see cref="Shared"/> when <c>LOOPWIRE_THREADPOOL_SIZE</c> is not set, as libuv's.</summary>
    public const int DefaultSize = 4;

    private static readonly Lazy<WorkPool> SharedPool = new(() => new WorkPool(SizeFromEnvironment()));

    private readonly ConcurrentQueue<WorkRequest> _queue = new();
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly Thread[] _workers;
    private int _started;

    // Workers that announced they are going to sleep and have not been claimed by a producer yet. A producer that
    // claims one releases one permit; busy workers thus cost a producer a fence and a read, never the semaphore.
    private int _sleepers;
    private volatile bool _disposed;

    /// <summary>Creates a pool of <paramref name="size"/> workers.</summary>
    /// <param name="size">The number of worker threads, from <see cref="MinSize"/> to <see cref="MaxSize"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is out of range.</exception>
    public WorkPool(int size)
    {
        if (size is < MinSize or > MaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A work pool has {MinSize} to {MaxSize} threads.");
        }

        _workers = new Thread[size];
    }

    /// <summary>
    /// The pool loops use by default, sized by the <c>LOOPWIRE_THREADPOOL_SIZE</c> environment variable (clamped to
    /// 1..1024 like libuv's <c>UV_THREADPOOL_SIZE</c>) or <see cref="DefaultSize"/>.
    /// </summary>
    public static WorkPool Shared => SharedPool.Value;

    /// <summary>The number of worker threads.</summary>
    public int Size => _workers.Length;

    /// <summary>Stops the workers once the queued work is done. The shared pool lives as long as the process.</summary>
    public void Dispose()
    {
        if (_disposed || ReferenceEquals(this, SharedPool.Value))
        {
            return;
        }

        _disposed = true;
        _wakeUp.Release(_workers.Length);
    }

    internal void Enqueue(WorkRequest request)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _started) == 0)
        {
            StartWorkers();
        }

        _queue.Enqueue(request);
        WakeOneSleeper();
    }

    private static int SizeFromEnvironment()
    {
        string? text = Environment.GetEnvironmentVariable("LOOPWIRE_THREADPOOL_SIZE");
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int size)
            ? Math.Clamp(size, MinSize, MaxSize)
            : DefaultSize;
    }

    private void StartWorkers()
    {
        lock (_workers)
        {
            if (_started == 1)
            {
                return;
            }

            for (int i = 0; i < _workers.Length; i++)
            {
                _workers[i] = new Thread(Work) { IsBackground = true, Name = $"Loopwire pool #{i + 1}" };
                _workers[i].Start();
            }

            Volatile.Write(ref _started, 1);
        }
    }

    /// <summary>
    /// Wakes a sleeping worker, if any. Producer and worker each write, fence, then read the other's write (the
    /// queue, the sleeper count), so at least one of them sees the other: work is never left with all asleep.
    /// </summary>
    private void WakeOneSleeper()
    {
        Interlocked.MemoryBarrier();
        int sleepers = Volatile.Read(ref _sleepers);
        while (sleepers > 0)
        {
            int seen = Interlocked.CompareExchange(ref _sleepers, sleepers - 1, sleepers);
            if (seen == sleepers)
            {
                _wakeUp.Release();
                return;
            }

            sleepers = seen;
        }
    }

    private void Work()
    {
        while (true)
        {
            while (_queue.TryDequeue(out WorkRequest? request))
            {
                request.Execute();
            }

            Interlocked.Increment(ref _sleepers);
            if (!_queue.IsEmpty)
            {
                // Work raced the announcement. If a producer claimed us meanwhile, its permit stays behind and a
                // later Wait returns at once: the count and the permits still add up to the announced sleepers.
                Interlocked.Decrement(ref _sleepers);
                continue;
            }

            _wakeUp.Wait();
            if (_disposed && _queue.IsEmpty)
            {
                return;
            }
        }
    }
}
