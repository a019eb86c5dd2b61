namespace Loopwire.Internal;

/// <summary>
/// A binary min-heap of active timers ordered by (due time, start sequence) (L6). Each timer remembers its slot,
/// so stopping one is O(log n) without a search.
/// </summary>
internal sealed class TimerHeap
{
    private Timer[] _timers = new Timer[16];

    public int Count { get; private set; }

    public Timer? Peek() => Count == 0 ? null : _timers[0];

    public void Add(Timer timer)
    {
        if (Count == _timers.Length)
        {
            Array.Resize(ref _timers, _timers.Length * 2);
        }

        timer.HeapIndex = Count;
        _timers[Count++] = timer;
        SiftUp(timer.HeapIndex);
    }

    public void Remove(Timer timer)
    {
        int index = timer.HeapIndex;
        timer.HeapIndex = -1;
        Count--;
        if (index == Count)
        {
            _timers[Count] = null!;
            return;
        }

        Timer last = _timers[Count];
        _timers[Count] = null!;
        Place(last, index);
        if (index > 0 && Precedes(last, _timers[(index - 1) / 2]))
        {
            SiftUp(index);
        }
        else
        {
            SiftDown(index);
        }
    }

    private static bool Precedes(Timer a, Timer b) =>
        a.Due < b.Due || (a.Due == b.Due && a.Sequence < b.Sequence);

    private void SiftUp(int index)
    {
        Timer timer = _timers[index];
        while (index > 0)
        {
            int parent = (index - 1) / 2;
            if (!Precedes(timer, _timers[parent]))
            {
                break;
            }

            Place(_timers[parent], index);
            index = parent;
        }

        Place(timer, index);
    }

    private void SiftDown(int index)
    {
        Timer timer = _timers[index];
        while (true)
        {
            int child = (2 * index) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && Precedes(_timers[child + 1], _timers[child]))
            {
                child++;
            }

            if (!Precedes(_timers[child], timer))
            {
                break;
            }

            Place(_timers[child], index);
            index = child;
        }

        Place(timer, index);
    }

    private void Place(Timer timer, int index)
    {
        _timers[index] = timer;
        timer.HeapIndex = index;
    }
}
