namespace Loopwire.Events;

/// <summary>
/// The state one emitter shares across its events: the <c>newListener</c> and <c>removeListener</c> lists
/// (E3, E6, E7), the max-listeners setting (E4) and where rejected async listeners go (E9).
/// Generated emitters create one lazily; <see cref="EventEmitter"/> owns one.
/// </summary>
public sealed class EmitterCore
{
    /// <summary>The wire name of the event raised before a listener is added (E3).</summary>
    public const string NewListenerEvent = "newListener";

    /// <summary>The wire name of the event raised after a listener is removed (E6).</summary>
    public const string RemoveListenerEvent = "removeListener";

    /// <summary>The wire name of the event whose unhandled emit throws (E2).</summary>
    public const string ErrorEvent = "error";

    /// <summary>
    /// The name under which error monitors are registered (Node's <c>events.errorMonitor</c> symbol): they see every
    /// <c>error</c> emit before its listeners, without counting as handlers (E2). Spelled so no real event collides.
    /// </summary>
    public const string ErrorMonitorEvent = "Symbol(events.errorMonitor)";

    private static readonly OnceWrapper<Action<string, Delegate>> s_wrapOnceNotification = static (once, listener) => (eventName, changed) =>
    {
        if (once.TryFire())
        {
            listener(eventName, changed);
        }
    };

    private readonly Action<object, Exception>? _rejectionSink;
    private ListenerList<Action<string, Delegate>>? _newListener;
    private ListenerList<Action<string, Delegate>>? _removeListener;
    private int _maxListeners = -1;

    /// <summary>Creates the shared state of <paramref name="owner"/>.</summary>
    /// <param name="owner">The emitter; named in leak warnings and passed to <paramref name="rejectionSink"/>.</param>
    /// <param name="typeName">The emitter's type name as leak warnings print it.</param>
    /// <param name="rejectionSink">Emits <c>error</c> on the owner for a faulted async listener (E9); <see langword="null"/> when the emitter has no such event.</param>
    public EmitterCore(object owner, string typeName, Action<object, Exception>? rejectionSink = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(typeName);
        Owner = owner;
        TypeName = typeName;
        _rejectionSink = rejectionSink;
    }

    /// <summary>The emitter this state belongs to.</summary>
    public object Owner { get; }

    /// <summary>The emitter's type name as leak warnings print it.</summary>
    public string TypeName { get; }

    /// <summary>
    /// The listener count per event past which a leak warning is raised (E4); 0 means unlimited.
    /// Until set, follows <see cref="EventEmitter.DefaultMaxListeners"/>.
    /// </summary>
    public int MaxListeners
    {
        get => _maxListeners < 0 ? EventEmitter.DefaultMaxListeners : _maxListeners;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxListeners = value;
        }
    }

    /// <summary>Whether a faulted task returned by an async listener is emitted as <c>error</c> (E9, Node's <c>captureRejections</c>).</summary>
    public bool CaptureRejections { get; set; }

    /// <summary>The <c>newListener</c> listeners, or <see langword="null"/> when none was ever added.</summary>
    public ListenerList<Action<string, Delegate>>? NewListenerListeners => _newListener;

    /// <summary>The <c>removeListener</c> listeners, or <see langword="null"/> when none was ever added.</summary>
    public ListenerList<Action<string, Delegate>>? RemoveListenerListeners => _removeListener;

    internal bool HasRemoveListenerListeners => _removeListener is { Count: > 0 };

    /// <summary>Adds or removes <paramref name="original"/> on <paramref name="list"/>, creating the list on first use.</summary>
    /// <typeparam name="TListener">The delegate type the emit invokes.</typeparam>
    /// <param name="list">The event's list field.</param>
    /// <param name="eventName">The event's wire name.</param>
    /// <param name="listener">The delegate the emit invokes.</param>
    /// <param name="original">The delegate the user passed.</param>
    /// <param name="mode">What to do.</param>
    /// <param name="wrapOnce">Builds the wrapper a once listener is registered as (E5); used by the once modes only.</param>
    public void Apply<TListener>(ref ListenerList<TListener>? list, string eventName, TListener listener, Delegate original, ListenerMode mode, OnceWrapper<TListener> wrapOnce)
        where TListener : Delegate
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(wrapOnce);
        if (mode == ListenerMode.Off)
        {
            list?.Remove(original);
            return;
        }

        list ??= new ListenerList<TListener>(this, eventName);
        var prepend = mode is ListenerMode.Prepend or ListenerMode.PrependOnce;
        var once = mode is ListenerMode.Once or ListenerMode.PrependOnce;
        list.Add(listener, original, prepend, once ? wrapOnce : null);
    }

    /// <summary>Adds or removes a <c>newListener</c> listener.</summary>
    /// <param name="listener">Called with the event name and the listener about to be added.</param>
    /// <param name="original">The delegate the user passed.</param>
    /// <param name="mode">What to do.</param>
    public void ApplyNewListener(Action<string, Delegate> listener, Delegate original, ListenerMode mode) =>
        Apply(ref _newListener, NewListenerEvent, listener, original, mode, s_wrapOnceNotification);

    /// <summary>Adds or removes a <c>removeListener</c> listener.</summary>
    /// <param name="listener">Called with the event name and the listener just removed.</param>
    /// <param name="original">The delegate the user passed.</param>
    /// <param name="mode">What to do.</param>
    public void ApplyRemoveListener(Action<string, Delegate> listener, Delegate original, ListenerMode mode) =>
        Apply(ref _removeListener, RemoveListenerEvent, listener, original, mode, s_wrapOnceNotification);

    /// <summary>Emits <c>newListener</c>.</summary>
    /// <param name="eventName">The event a listener is being added to.</param>
    /// <param name="listener">The listener being added.</param>
    /// <returns>Whether there were listeners.</returns>
    public bool EmitNewListener(string eventName, Delegate listener) => Emit(_newListener, eventName, listener);

    /// <summary>Emits <c>removeListener</c>.</summary>
    /// <param name="eventName">The event a listener was removed from.</param>
    /// <param name="listener">The listener removed.</param>
    /// <returns>Whether there were listeners.</returns>
    public bool EmitRemoveListener(string eventName, Delegate listener) => Emit(_removeListener, eventName, listener);

    /// <summary>Removes every listener of every event, <c>removeListener</c> last (E7).</summary>
    /// <param name="lists">The emitter's event lists, in any order; null entries are skipped.</param>
    public void RemoveAll(ReadOnlySpan<IListenerList?> lists)
    {
        foreach (var list in lists)
        {
            list?.RemoveAll();
        }

        _newListener?.RemoveAll();
        _removeListener?.RemoveAll();
    }

    /// <summary>The exception an unhandled <c>error</c> emit throws (E2).</summary>
    /// <param name="payload">The first argument of the <c>error</c> emit.</param>
    /// <returns>The payload itself when it is an exception, else an <see cref="UnhandledErrorException"/> carrying it.</returns>
    public static Exception UnhandledError(object? payload) => payload as Exception ?? new UnhandledErrorException(payload);

    internal void RaiseNewListener(string eventName, Delegate listener)
    {
        if (_newListener is { Count: > 0 })
        {
            Emit(_newListener, eventName, listener);
        }
    }

    internal void RaiseRemoveListener(string eventName, Delegate listener)
    {
        if (_removeListener is { Count: > 0 })
        {
            Emit(_removeListener, eventName, listener);
        }
    }

    // Returns whether the warning for this event has now been given (E4: once per event).
    internal bool WarnIfLeaking(string eventName, int count)
    {
        var max = MaxListeners;
        if (max <= 0 || count <= max)
        {
            return false;
        }

        EventEmitter.RaiseMaxListenersExceeded(new MaxListenersExceededWarning(Owner, TypeName, eventName, count, max));
        return true;
    }

    internal void Reject(Exception exception)
    {
        if (_rejectionSink is not null)
        {
            _rejectionSink(Owner, exception);
        }
    }

    private static bool Emit(ListenerList<Action<string, Delegate>>? list, string eventName, Delegate listener)
    {
        if (list is null || list.Count == 0)
        {
            return false;
        }

        using (var emit = list.BeginEmit())
        {
            foreach (var notify in emit.Listeners)
            {
                notify(eventName, listener);
            }
        }

        return true;
    }
}
