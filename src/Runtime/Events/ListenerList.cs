using System.Runtime.CompilerServices;

namespace Loopwire.Events;

/// <summary>
/// The listeners of one event. Emits call the delegates of an array that is swapped copy-on-write while an emit
/// iterates it and mutated in place otherwise: each emit iterates the array it read at its start (E1), so emitting
/// allocates nothing and takes no lock. A once listener is registered as a wrapper that removes itself (E5), so an
/// emit only ever calls delegates. Used by generated emitters and by <see cref="EventEmitter"/>; it belongs to the
/// loop thread.
/// </summary>
/// <typeparam name="TListener">The delegate type the emit invokes.</typeparam>
public sealed class ListenerList<TListener> : IListenerList
    where TListener : Delegate
{
    private const int MinimumCapacity = 4;

    private readonly EmitterCore _core;

    // What emits call, in order. While an emit holds this array it is not written: a change goes to a copy.
    private TListener[] _listeners = [];

    // A second buffer of the same capacity: a change made while an emit holds _listeners is copied into it, and the
    // snapshot becomes the next spare when the outermost emit ends. Changes during emits therefore allocate nothing.
    private TListener[]? _spare;

    // Who registered each listener, index for index. No emit reads it, so it is always changed in place.
    private Registration<TListener>[] _registrations = [];
    private int _count;

    // Running emits times two, plus 1 while _listeners is the snapshot of one of them (then it must not be written).
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

    /// <summary>
    /// The listener when there is exactly one, else <see langword="null"/>: the common case, which an emit handles
    /// with one read and one call.
    /// </summary>
    public TListener? Single { get; private set; }

    /// <summary>The first listener when <see cref="Count"/> is 2.</summary>
    public TListener First { get; private set; } = null!;

    /// <summary>
    /// The second listener when <see cref="Count"/> is 2. An emit reads <see cref="First"/> and this before calling
    /// either, so that the two locals are its snapshot (E1) and it needs no <see cref="BeginEmit"/>.
    /// </summary>
    public TListener Second { get; private set; } = null!;

    /// <summary>Registers a listener, raising <c>newListener</c> first (E3) and warning once past the maximum (E4).</summary>
    /// <param name="listener">The delegate the emit invokes.</param>
    /// <param name="original">The delegate the user passed; what <c>Off</c> and introspection see.</param>
    /// <param name="prepend">Whether to insert it first rather than last.</param>
    /// <param name="wrapOnce">
    /// For a listener removed before its first call (E5), builds the wrapper registered in its place;
    /// <see langword="null"/> for a listener that stays.
    /// </param>
    public void Add(TListener listener, Delegate original, bool prepend, OnceWrapper<TListener>? wrapOnce = null)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(original);
        _core.RaiseNewListener(EventName, original);

        OnceGuard<TListener>? once = null;
        if (wrapOnce is not null)
        {
            once = new OnceGuard<TListener>(this);
            listener = wrapOnce(once, listener);
        }

        var index = prepend ? 0 : _count;

        var listeners = Writable(_count + 1);
        if (_registrations.Length < listeners.Length)
        {
            Array.Resize(ref _registrations, listeners.Length);
        }

        // Appending, the common case, moves nothing.
        if (index < _count)
        {
            Array.Copy(listeners, index, listeners, index + 1, _count - index);
            Array.Copy(_registrations, index, _registrations, index + 1, _count - index);
        }

        listeners[index] = listener;
        _registrations[index] = new Registration<TListener>(original, once);
        _count++;
        UpdateFastPaths();

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
            if (_registrations[i].Original.Equals(listener))
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
            Array.Clear(Writable(0), 0, _count);
            Array.Clear(_registrations, 0, _count);
            _count = 0;
            _leakWarned = false;
            UpdateFastPaths();
            return;
        }

        // removeListener listeners may change this list; work from a copy and remove each registration wherever it now is.
        var registrations = _registrations.AsSpan(0, _count).ToArray();
        for (var i = registrations.Length - 1; i >= 0; i--)
        {
            var index = _registrations.AsSpan(0, _count).LastIndexOf(registrations[i]);
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
            result[i] = _registrations[i].Original;
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
            result[i] = new RawListener(_registrations[i].Original, _registrations[i].Once is not null);
        }

        return result;
    }

    /// <summary>Starts an emit over the current listeners; dispose the scope when the emit ends (E1).</summary>
    /// <returns>The emit's snapshot of listeners; changes made while it is alive apply to later emits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EmitScope<TListener> BeginEmit()
    {
        _emitState = (_emitState + 2) | 1;
        return new EmitScope<TListener>(this, _listeners, _count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EndEmit(TListener[] snapshot)
    {
        var state = _emitState - 2;
        if (state > 1)
        {
            _emitState = state;
            return;
        }

        _emitState = 0;
        if (!ReferenceEquals(snapshot, _listeners))
        {
            Recycle(snapshot);
        }
    }

    internal void Remove(OnceGuard<TListener> once)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(_registrations[i].Once, once))
            {
                RemoveAt(i);
                return;
            }
        }
    }

    private void RemoveAt(int index)
    {
        var removed = _registrations[index].Original;
        var last = _count - 1;
        var listeners = Writable(_count);

        // Removing the last listener, the common case (Off finds the most recent first), moves nothing.
        if (index < last)
        {
            Array.Copy(listeners, index + 1, listeners, index, last - index);
            Array.Copy(_registrations, index + 1, _registrations, index, last - index);
        }

        listeners[last] = null!;
        _registrations[last] = default;
        _count = last;
        UpdateFastPaths();

        // An emptied event starts over, as Node drops its listener array and the array's warned flag with it (E4).
        if (_count == 0)
        {
            _leakWarned = false;
        }

        _core.RaiseRemoveListener(EventName, removed);
    }

    // A switch, so that most stores are of a constant null, which needs no GC write barrier.
    private void UpdateFastPaths()
    {
        switch (_count)
        {
            case 1:
                (Single, First, Second) = (_listeners[0], null!, null!);
                break;
            case 2:
                (Single, First, Second) = (null, _listeners[0], _listeners[1]);
                break;
            default:
                (Single, First, Second) = (null, null!, null!);
                break;
        }
    }

    // Returns an array holding the current listeners, with room for `capacity`, that may be written: _listeners
    // itself when no emit iterates it, else a copy (the spare when it is large enough).
    private TListener[] Writable(int capacity)
    {
        var pinned = (_emitState & 1) != 0;
        if (!pinned && _listeners.Length >= capacity)
        {
            return _listeners;
        }

        TListener[] next;
        if (_spare is not null && _spare.Length >= capacity)
        {
            next = _spare;
            _spare = null;
        }
        else
        {
            // Grow only when the listeners no longer fit; a copy made because of a pin keeps the capacity.
            var size = _listeners.Length >= capacity ? _listeners.Length : Math.Max(MinimumCapacity, Math.Max(capacity, _listeners.Length * 2));
            next = new TListener[size];
            _spare = new TListener[size];
        }

        Array.Copy(_listeners, next, _count);
        if (!pinned)
        {
            Recycle(_listeners);
        }

        _listeners = next;
        _emitState &= ~1;
        return next;
    }

    private void Recycle(TListener[] array)
    {
        if (array.Length > (_spare?.Length ?? 0))
        {
            Array.Clear(array);
            _spare = array;
        }
    }
}
