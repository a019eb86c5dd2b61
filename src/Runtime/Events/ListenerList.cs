using System.Runtime.CompilerServices;

namespace Loopwire.Events;

/// <summary>
/// The listeners of one event: an array swapped copy-on-write while an emit iterates it, mutated in place
/// otherwise. Emit iterates the array it read at its start (E1), so emitting allocates nothing and takes no lock.
/// Used by generated emitters and by <see cref="EventEmitter"/>; it belongs to the loop thread.
/// </summary>
/// <typeparam name="TListener">The delegate type the emit invokes.</typeparam>
public sealed class ListenerList<TListener> : IListenerList
    where TListener : Delegate
{
    private const int MinimumCapacity = 4;

    private readonly EmitterCore _core;
    private ListenerEntry<TListener>[] _items = [];

    // A second buffer of the same capacity: a change made while an emit holds _items is copied into it, and the
    // snapshot becomes the next spare when the outermost emit ends. Changes during emits therefore allocate nothing.
    private ListenerEntry<TListener>[]? _spare;
    private int _count;

    // Running emits times two, plus 1 while _items is the snapshot of one of them (then it must not be written).
    // One field, so that starting and ending an emit each write memory once.
    private int _emitState;
    private bool _leakWarned;

    /// <summary>Creates the list of the event <paramref name="eventName"/> of the emitter behind <paramref name="core"/>.</summary>
    /// <param name="core">The emitter's shared state: notifications, max listeners, rejections.</param>
    /// <param name="eventName">The event's wire name.</param>
    public ListenerList(EmitterCore core, string eventName)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(eventName);
        _core = core;
        EventName = eventName;
    }

    /// <summary>The event's wire name.</summary>
    public string EventName { get; }

    /// <summary>The number of registered listeners (E8).</summary>
    public int Count => _count;

    /// <summary>Registers a listener, raising <c>newListener</c> first (E3) and warning once past the maximum (E4).</summary>
    /// <param name="listener">The delegate the emit invokes.</param>
    /// <param name="original">The delegate the user passed; what <c>Off</c> and introspection see.</param>
    /// <param name="once">Whether to remove the listener before its first call (E5).</param>
    /// <param name="prepend">Whether to insert it first rather than last.</param>
    public void Add(TListener listener, Delegate original, bool once, bool prepend)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(original);
        _core.RaiseNewListener(EventName, original);

        var items = Writable(_count + 1);
        var index = prepend ? 0 : _count;
        Array.Copy(items, index, items, index + 1, _count - index);
        items[index] = new ListenerEntry<TListener>(listener, original, once ? new OnceState() : null);
        _count++;
        UpdateShape();

        if (!_leakWarned)
        {
            _leakWarned = _core.WarnIfLeaking(EventName, _count);
        }
    }

    /// <summary>Removes the most recently added listener equal to <paramref name="listener"/> (E6), once wrappers included (E5).</summary>
    /// <param name="listener">The delegate that was registered.</param>
    /// <returns>Whether a listener was removed; <c>removeListener</c> is raised only then.</returns>
    public bool Remove(Delegate listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        for (var i = _count - 1; i >= 0; i--)
        {
            if (_items[i].Original.Equals(listener))
            {
                RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes every listener, last first, raising <c>removeListener</c> for each (E7).</summary>
    public void RemoveAll()
    {
        if (_count == 0)
        {
            return;
        }

        if (!_core.HasRemoveListenerListeners)
        {
            var items = Writable(0);
            Array.Clear(items, 0, _count);
            _count = 0;
            _leakWarned = false;
            UpdateShape();
            return;
        }

        // removeListener listeners may change this list; work from a copy and remove each entry wherever it now is.
        var snapshot = _items.AsSpan(0, _count).ToArray();
        for (var i = snapshot.Length - 1; i >= 0; i--)
        {
            var index = LastIndexOf(snapshot[i]);
            if (index >= 0)
            {
                RemoveAt(index);
            }
        }
    }

    /// <summary>The registered listeners as the user passed them, in call order (E8).</summary>
    /// <returns>A new array.</returns>
    public Delegate[] GetListeners()
    {
        var result = new Delegate[_count];
        for (var i = 0; i < _count; i++)
        {
            result[i] = _items[i].Original;
        }

        return result;
    }

    /// <summary>The registered listeners with their once flags, in call order (E8).</summary>
    /// <returns>A new array.</returns>
    public RawListener[] GetRawListeners()
    {
        var result = new RawListener[_count];
        for (var i = 0; i < _count; i++)
        {
            result[i] = new RawListener(_items[i].Original, _items[i].IsOnce);
        }

        return result;
    }

    /// <summary>Which path an emit takes; kept current by every change to the list.</summary>
    public EmitShape Shape { get; private set; }

    /// <summary>The first listener when <see cref="Shape"/> is <see cref="EmitShape.One"/> or <see cref="EmitShape.Two"/>.</summary>
    public TListener First { get; private set; } = null!;

    /// <summary>The second listener when <see cref="Shape"/> is <see cref="EmitShape.Two"/>.</summary>
    public TListener Second { get; private set; } = null!;

    /// <summary>Starts an emit over the current listeners; dispose the scope when the emit ends (E1).</summary>
    /// <returns>The emit's snapshot of listeners; changes made while it is alive apply to later emits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EmitScope<TListener> BeginEmit()
    {
        _emitState = (_emitState + 2) | 1;
        return new EmitScope<TListener>(this, _items, _count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EndEmit(ListenerEntry<TListener>[] snapshot)
    {
        var state = _emitState - 2;
        if (state > 1)
        {
            _emitState = state;
            return;
        }

        _emitState = 0;
        if (!ReferenceEquals(snapshot, _items))
        {
            Recycle(snapshot);
        }
    }

    internal bool Fire(OnceState once)
    {
        if (once.Fired)
        {
            return false;
        }

        once.Fired = true;
        for (var i = _count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(_items[i].Once, once))
            {
                RemoveAt(i);
                break;
            }
        }

        return true;
    }
    private int LastIndexOf(in ListenerEntry<TListener> entry)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(_items[i].Once, entry.Once) && _items[i].Original.Equals(entry.Original))
            {
                return i;
            }
        }

        return -1;
    }

    private void RemoveAt(int index)
    {
        var removed = _items[index].Original;
        var items = Writable(_count);
        Array.Copy(items, index + 1, items, index, _count - index - 1);
        items[--_count] = default;
        UpdateShape();

        // An emptied event starts over, as Node drops its listener array and the array's warned flag with it (E4).
        if (_count == 0)
        {
            _leakWarned = false;
        }

        _core.RaiseRemoveListener(EventName, removed);
    }

    private void UpdateShape()
    {
        var items = _items;
        Shape = _count switch
        {
            0 => EmitShape.Empty,
            1 when items[0].Once is null => EmitShape.One,
            2 when items[0].Once is null && items[1].Once is null => EmitShape.Two,
            _ => EmitShape.Many,
        };
        First = Shape is EmitShape.One or EmitShape.Two ? items[0].Listener : null!;
        Second = Shape is EmitShape.Two ? items[1].Listener : null!;
    }

    // Returns an array holding the current listeners, with room for `capacity`, that may be written: _items itself
    // when no emit iterates it, else a copy (the spare when it is large enough).
    private ListenerEntry<TListener>[] Writable(int capacity)
    {
        var pinned = (_emitState & 1) != 0;
        if (!pinned && _items.Length >= capacity)
        {
            return _items;
        }

        ListenerEntry<TListener>[] next;
        if (_spare is not null && _spare.Length >= capacity)
        {
            next = _spare;
            _spare = null;
        }
        else
        {
            // Grow only when the listeners no longer fit; a copy made because of a pin keeps the capacity.
            var size = _items.Length >= capacity ? _items.Length : Math.Max(MinimumCapacity, Math.Max(capacity, _items.Length * 2));
            next = new ListenerEntry<TListener>[size];
            _spare = new ListenerEntry<TListener>[size];
        }

        Array.Copy(_items, next, _count);
        if (!pinned)
        {
            Recycle(_items);
        }

        _items = next;
        _emitState &= ~1;
        return next;
    }

    private void Recycle(ListenerEntry<TListener>[] array)
    {
        if (array.Length > (_spare?.Length ?? 0))
        {
            Array.Clear(array);
            _spare = array;
        }
    }
}
