namespace Loopwire.Internal;

/// <summary>
/// The queued timers of one duration, as Node keeps them. Timers are appended as they start, and the loop's time
/// never goes back, so each list is already sorted by (due, sequence): insertion is O(1).
/// </summary>
internal sealed class TimerList(long duration)
{
    public long Duration { get; } = duration;

    public Timer? First { get; private set; }

    /// <summary>The first timer's due time, kept here so heap comparisons touch only lists, not scattered timers.</summary>
    public long FirstDue { get; private set; }

    /// <summary>The first timer's start sequence, the tie-breaker of <see cref="FirstDue"/> (L6).</summary>
    public long FirstSequence { get; private set; }

    private Timer? Last { get; set; }

    /// <summary>The list's slot in <see cref="TimerQueue"/>'s heap, or -1 while empty.</summary>
    public int HeapIndex { get; set; } = -1;

    public bool IsEmpty => First is null;

    public void Append(Timer timer)
    {
        timer.List = this;
        timer.Previous = Last;
        timer.Next = null;
        if (Last is null)
        {
            SetFirst(timer);
        }
        else
        {
            Last.Next = timer;
        }

        Last = timer;
    }

    public void Remove(Timer timer)
    {
        if (timer.Previous is null)
        {
            SetFirst(timer.Next);
        }
        else
        {
            timer.Previous.Next = timer.Next;
        }

        if (timer.Next is null)
        {
            Last = timer.Previous;
        }
        else
        {
            timer.Next.Previous = timer.Previous;
        }

        timer.List = null;
        timer.Previous = null;
        timer.Next = null;
    }

    private void SetFirst(Timer? timer)
    {
        First = timer;
        if (timer is not null)
        {
            FirstDue = timer.Due;
            FirstSequence = timer.Sequence;
        }
    }
}
