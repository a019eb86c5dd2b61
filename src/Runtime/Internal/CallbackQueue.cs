using System.Runtime.CompilerServices;

namespace Loopwire.Internal;

/// <summary>
/// A FIFO ring buffer of callbacks, used only on the loop thread. It grows to the largest backlog seen and
/// never shrinks, so steady-state queueing allocates nothing.
/// </summary>
internal sealed class CallbackQueue
{
    private LoopCallback[] _items = new LoopCallback[64];
    private int _head;
    private int _count;

    public int Count => _count;

    public bool IsEmpty => _count == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(LoopCallback callback)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        _items[(_head + _count) & (_items.Length - 1)] = callback;
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out LoopCallback callback)
    {
        if (_count == 0)
        {
            callback = default;
            return false;
        }

        callback = _items[_head];
        _items[_head] = default;
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return true;
    }

    private void Grow()
    {
        var larger = new LoopCallback[_items.Length * 2];
        for (int i = 0; i < _count; i++)
        {
            larger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = larger;
        _head = 0;
    }
}
