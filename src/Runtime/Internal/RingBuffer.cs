using System.Runtime.CompilerServices;

namespace Loopwire.Internal;

/// <summary>
/// A FIFO ring buffer for the loop thread's queues. It grows to the largest backlog seen and never shrinks, so
/// steady-state queueing allocates nothing; entries are addressable by their distance from the head.
/// </summary>
/// <remarks>
/// <see cref="TryDequeue"/> clears the slot it empties. <see cref="TryTake"/> leaves it as it was, for a drain that
/// queues while it runs: a slot that still holds the entry it had a lap ago can be overwritten without storing the
/// references it already has (see <see cref="LoopCallback.Overwrite"/>). The drain calls <see cref="ClearTaken"/>
/// when it ends, so a queue never keeps a taken entry alive beyond it.
/// </remarks>
internal sealed class RingBuffer<T>
{
    private T[] _items = new T[64];
    private int _head;
    private int _taken;

    public int Count { get; private set; }

    public bool IsEmpty => Count == 0;

    /// <summary>The entry <paramref name="offset"/> places behind the head; the caller checks the range.</summary>
    public ref T this[long offset] => ref _items[(int)((_head + offset) & (_items.Length - 1))];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(T item) => Append() = item;

    /// <summary>Adds a slot at the tail and returns it to be written: empty, or holding an entry taken earlier.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Append()
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        return ref _items[(_head + Count++) & (_items.Length - 1)];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out T item)
    {
        if (!TryTake(out item))
        {
            return false;
        }

        _items[(_head - 1) & (_items.Length - 1)] = default!;
        return true;
    }

    /// <summary>Removes the head entry but leaves it in its slot until <see cref="ClearTaken"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTake(out T item)
    {
        if (Count == 0)
        {
            item = default!;
            return false;
        }

        item = _items[_head];
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
        if (_taken < _items.Length)
        {
            _taken++; // counts slots behind the head that may hold an entry; never more than the ring has
        }

        return true;
    }

    /// <summary>Clears the slots of the entries taken since the last call, so the queue no longer keeps them alive.</summary>
    public void ClearTaken()
    {
        // Taken slots lie just behind the head; ones the tail has since reused hold live entries and are not counted.
        int stale = Math.Min(_taken, _items.Length - Count);
        _taken = 0;
        if (stale == 0)
        {
            return; // the common case for one of a drain's two queues
        }

        int start = (_head - stale) & (_items.Length - 1);
        int beforeWrap = Math.Min(stale, _items.Length - start);
        _items.AsSpan(start, beforeWrap).Clear();
        _items.AsSpan(0, stale - beforeWrap).Clear();
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
        _taken = 0; // a full ring has no taken slots left, and the new one starts clean
    }
}
