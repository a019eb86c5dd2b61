using System.Runtime.CompilerServices;

namespace Loopwire.Internal;

/// <summary>
/// A FIFO ring buffer for the loop thread's queues. It grows to the largest backlog seen and never shrinks, so
/// steady-state queueing allocates nothing; entries are addressable by their distance from the head.
/// </summary>
internal sealed class RingBuffer<T>
{
    private T[] _items = new T[64];
    private int _head;

    public int Count { get; private set; }

    public bool IsEmpty => Count == 0;

    /// <summary>The entry <paramref name="offset"/> places behind the head; the caller checks the range.</summary>
    public ref T this[long offset] => ref _items[(int)((_head + offset) & (_items.Length - 1))];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(T item)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[(_head + Count) & (_items.Length - 1)] = item;
        Count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out T item)
    {
        if (Count == 0)
        {
            item = default!;
            return false;
        }

        item = _items[_head];
        _items[_head] = default!;
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
        return true;
    }

    private void Grow()
    {
        var larger = new T[_items.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            larger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = larger;
        _head = 0;
    }
}
