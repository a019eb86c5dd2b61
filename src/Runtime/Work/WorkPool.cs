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
    private readonly SemaphoreSlim _available = new(0);
    private readonly Thread[] _workers;
    private int _started;
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
        _available.Release(_workers.Length);
    }

    internal void Enqueue(WorkRequest request)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _started) == 0)
        {
            StartWorkers();
        }

        _queue.Enqueue(request);
        _available.Release();
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

    private void Work()
    {
        while (true)
        {
            _available.Wait();
            if (_queue.TryDequeue(out WorkRequest? request))
            {
                request.Execute();
            }
            else if (_disposed)
            {
                return;
            }
        }
    }
}
