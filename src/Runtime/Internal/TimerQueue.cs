namespace Loopwire.Internal;

/// <summary>
/// Active timers in (due time, start sequence) order (L6): a list per duration (O(1) start and stop) and a small
/// binary heap of those lists keyed by their first timer, so finding the next timer costs O(log durations).
/// </summary>
internal sealed class TimerQueue
{
    /// <summary>Empty lists are kept for reuse (an interval re-arms into the same one) until there are this many.</summary>
    private const int MaxLists = 1024;

    private readonly Dictionary<long, TimerList> _lists = [];
    private TimerList[] _heap = new TimerList[16];
    private int _heapCount;

    /// <summary>The timer due first, or null.</summary>
    public Timer? Peek() => _heapCount == 0 ? null : _heap[0].First;

    /// <summary>The due time of the timer due first; only valid when <see cref="Peek"/> is not null.</summary>
    public long FirstDue => _heap[0].FirstDue;

    public void Add(Timer timer, long duration)
    {
        if (!_lists.TryGetValue(duration, out TimerList? list))
        {
            if (_lists.Count >= MaxLists)
            {
                DropEmptyLists();
            }

            list = new TimerList(duration);
            _lists.Add(duration, list);
        }

        list.Append(timer);
        if (list.HeapIndex < 0)
        {
            Push(list);
        }
    }

    public void Remove(Timer timer)
    {
        TimerList list = timer.List!;
        bool wasFirst = ReferenceEquals(list.First, timer);
        list.Remove(timer);
        if (list.IsEmpty)
        {
            RemoveAt(list.HeapIndex);
        }
        else if (wasFirst)
        {
            SiftDown(list.HeapIndex); // the list's key only grows when its first timer leaves
        }
    }

    private void DropEmptyLists()
    {
        foreach ((long duration, TimerList list) in _lists)
        {
            if (list.IsEmpty)
            {
                _lists.Remove(duration);
            }
        }
    }

    private static bool Precedes(TimerList a, TimerList b) =>
        a.FirstDue < b.FirstDue || (a.FirstDue == b.FirstDue && a.FirstSequence < b.FirstSequence);

    private void Push(TimerList list)
    {
        if (_heapCount == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        Place(list, _heapCount++);
        SiftUp(list.HeapIndex);
    }

    private void RemoveAt(int index)
    {
        TimerList removed = _heap[index];
        removed.HeapIndex = -1;
        TimerList last = _heap[--_heapCount];
        _heap[_heapCount] = null!;
        if (index == _heapCount)
        {
            return;
        }

        Place(last, index);
        if (index > 0 && Precedes(last, _heap[(index - 1) / 2]))
        {
            SiftUp(index);
        }
        else
        {
            SiftDown(index);
        }
    }

    private void SiftUp(int index)
    {
        TimerList list = _heap[index];
        while (index > 0)
        {
            int parent = (index - 1) / 2;
            if (!Precedes(list, _heap[parent]))
            {
                break;
            }

            Place(_heap[parent], index);
            index = parent;
        }

        Place(list, index);
    }

    private void SiftDown(int index)
    {
        TimerList list = _heap[index];
        while (true)
        {
            int child = (2 * index) + 1;
            if (child >= _heapCount)
            {
                break;
            }

            if (child + 1 < _heapCount && Precedes(_heap[child + 1], _heap[child]))
            {
                child++;
            }

            if (!Precedes(_heap[child], list))
            {
                break;
            }

            Place(_heap[child], index);
            index = child;
        }

        Place(list, index);
    }

    private void Place(TimerList list, int index)
    {
        _heap[index] = list;
        list.HeapIndex = index;
    }
}
