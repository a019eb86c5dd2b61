using Loopwire.Events;

namespace Loopwire;

/// <summary>
/// Node's string-keyed <c>EventEmitter</c>, for dynamic use and for porting Node code. Listeners receive the
/// emitted arguments as an array. It shares the listener core and the semantics (E1–E11) of generated emitters,
/// which are faster and typed: prefer <see cref="EventEmitterAttribute"/> when the events are known.
/// </summary>
public class EventEmitter
{
    private static int s_defaultMaxListeners = 10;

    private static readonly OnceWrapper<Action<object?[]>> s_wrapOnce = static (once, listener) => args =>
    {
        if (once.TryFire())
        {
            listener(args);
        }
    };

    private readonly Dictionary<string, ListenerList<Action<object?[]>>> _events = new(StringComparer.Ordinal);
    private readonly EmitterCore _core;

    /// <summary>Creates an emitter with no listeners.</summary>
    public EventEmitter()
    {
        _core = new EmitterCore(this, GetType().Name, static (owner, error) => ((EventEmitter)owner).Emit(EmitterCore.ErrorEvent, error));
    }

    /// <summary>
    /// Register listeners under this name to observe <c>error</c> emits before the <c>error</c> listeners run,
    /// without handling them: an error with no <c>error</c> listener still throws (E2, Node's <c>errorMonitor</c>).
    /// </summary>
    public const string ErrorMonitor = EmitterCore.ErrorMonitorEvent;

    /// <summary>Raised for every leak warning (E4); when nobody listens, the warning is written to standard error.</summary>
    public static event Action<MaxListenersExceededWarning>? MaxListenersExceeded;

    /// <summary>The max listeners of every emitter that has not set its own (E4); 10 by default, 0 means unlimited.</summary>
    public static int DefaultMaxListeners
    {
        get => Volatile.Read(ref s_defaultMaxListeners);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref s_defaultMaxListeners, value);
        }
    }

    /// <summary>This emitter's max listeners per event (E4); 0 means unlimited.</summary>
    public int MaxListeners
    {
        get => _core.MaxListeners;
        set => _core.MaxListeners = value;
    }

    /// <summary>Whether a faulted task returned by an async listener is emitted as <c>error</c> (E9).</summary>
    public bool CaptureRejections
    {
        get => _core.CaptureRejections;
        set => _core.CaptureRejections = value;
    }

    /// <summary>Appends a listener (E3).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="listener">Called with no arguments.</param>
    /// <returns>This emitter, for chaining.</returns>
    public EventEmitter On(string eventName, [RunsOnLoop] Action listener) => Add(eventName, listener, ListenerMode.On);

    /// <summary>Appends a listener (E3).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="listener">Called with the emitted arguments.</param>
    /// <returns>This emitter, for chaining.</returns>
    public EventEmitter On(string eventName, [RunsOnLoop] Action<object?[]> listener) => Add(eventName, listener, ListenerMode.On);

    /// <summary>Appends an async listener whose faults go to <c>error</c> when <see cref="CaptureRejections"/> is on (E9).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="listener">Called with the emitted arguments.</param>
    /// <returns>This emitter, for chaining.</returns>
    public EventEmitter On(string eventName, [RunsOnLoop] Func<object?[], Task> listener) => Add(eventName, listener, ListenerMode.On);

    /// <summary>Appends a listener removed before its first call (E5).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="listener">Called with no arguments.</param>
    /// <returns>This emitter, for chaining.</returns>
    public EventEmitter Once(string eventName, [RunsOnLoop] Action listener) => Add(eventName, listener, ListenerMode.Once);

    /// <summary>Appends a listener removed before its first call (E5).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="listener">Called with the emitted arguments.</param>
    /// <returns>This emitter, for chaining.</returns>
    public EventEmitter Once(string eventName, [RunsOnLoop] Action<object?[]> listener) => Add(eventName, listener, ListenerMode.Once);

    /// <summary>Appends an async listener removed before its first call (E5, E9).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="listener">Called with the emitted arguments.</param>
    /// <returns>This emitter, for chaining.</returns>
    public EventEmitter Once(string eventName, [RunsOnLoop] Func<object?[], Task> listener) => Add(eventName, listener, ListenerMode.Once);

    /// <summary>Inserts a listener first (E3).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="listener">Called with no arguments.</param>
    /// <returns>This emitter, for chaining.</returns>
    public EventEmitter Prepend(string eventName, [RunsOnLoop] Action listener) => Add(eventName, listener, ListenerMode.Prepend);

    /// <summary>Inserts a listener first (E3).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="listener">Called with the emitted arguments.</param>
    /// <returns>This emitter, for chaining.</returns>
    public EventEmitter Prepend(string eventName, [RunsOnLoop] Action<object?[]> listener) => Add(eventName, listener, ListenerMode.Prepend);

    /// <summary>Inserts first a listener removed before its first call (E5).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="listener">Called with no arguments.</param>
    /// <returns>This emitter, for chaining.</returns>
    public EventEmitter PrependOnce(string eventName, [RunsOnLoop] Action listener) => Add(eventName, listener, ListenerMode.PrependOnce);

    /// <summary>Inserts first a listener removed before its first call (E5).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="listener">Called with the emitted arguments.</param>
    /// <returns>This emitter, for chaining.</returns>
    public EventEmitter PrependOnce(string eventName, [RunsOnLoop] Action<object?[]> listener) => Add(eventName, listener, ListenerMode.PrependOnce);

    /// <summary>Removes the most recently added listener equal to <paramref name="listener"/> (E6), once or not (E5).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="listener">The delegate that was added.</param>
    /// <returns>This emitter, for chaining.</returns>
    public EventEmitter Off(string eventName, Delegate listener)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        ArgumentNullException.ThrowIfNull(listener);
        Find(eventName)?.Remove(listener);
        return this;
    }

    /// <summary>Removes the listeners of one event, or of all events with <c>removeListener</c> last (E7).</summary>
    /// <param name="eventName">The event, or <see langword="null"/> for all.</param>
    /// <returns>This emitter, for chaining.</returns>
    public EventEmitter RemoveAllListeners(string? eventName = null)
    {
        if (eventName is not null)
        {
            Find(eventName)?.RemoveAll();
            return this;
        }

        foreach (var list in _events.Values.ToArray())
        {
            list.RemoveAll();
        }

        _core.RemoveAll([]);
        return this;
    }

    /// <summary>Calls the event's listeners in order with <paramref name="args"/> (E1); an unhandled <c>error</c> throws (E2).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="args">The arguments the listeners receive.</param>
    /// <returns>Whether the event had listeners.</returns>
    public bool Emit(string eventName, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        args ??= [null];
        switch (eventName)
        {
            case EmitterCore.NewListenerEvent:
                return _core.EmitNewListener(EmitterArguments.Get<string>(args, 0, eventName), EmitterArguments.Get<Delegate>(args, 1, eventName));
            case EmitterCore.RemoveListenerEvent:
                return _core.EmitRemoveListener(EmitterArguments.Get<string>(args, 0, eventName), EmitterArguments.Get<Delegate>(args, 1, eventName));
        }

        if (eventName == EmitterCore.ErrorEvent && _events.TryGetValue(ErrorMonitor, out var monitors))
        {
            EmitTo(monitors, args);
        }

        if (!_events.TryGetValue(eventName, out var list) || list.Count == 0)
        {
            if (eventName == EmitterCore.ErrorEvent)
            {
                throw EmitterCore.UnhandledError(args.Length > 0 ? args[0] : null);
            }

            return false;
        }

        EmitTo(list, args);
        return true;
    }

    /// <summary>The names of the events that have listeners (E8).</summary>
    /// <returns>A new array.</returns>
    public string[] EventNames()
    {
        var names = new List<string>();
        foreach (var (name, list) in _events)
        {
            if (list.Count > 0)
            {
                names.Add(name);
            }
        }

        if (_core.NewListenerListeners is { Count: > 0 })
        {
            names.Add(EmitterCore.NewListenerEvent);
        }

        if (_core.RemoveListenerListeners is { Count: > 0 })
        {
            names.Add(EmitterCore.RemoveListenerEvent);
        }

        return names.ToArray();
    }

    /// <summary>The number of listeners of an event (E8).</summary>
    /// <param name="eventName">The event.</param>
    /// <returns>The count.</returns>
    public int ListenerCount(string eventName) => Find(eventName)?.Count ?? 0;

    /// <summary>The listeners of an event as added (E8).</summary>
    /// <param name="eventName">The event.</param>
    /// <returns>A new array.</returns>
    public Delegate[] Listeners(string eventName) => Find(eventName)?.GetListeners() ?? [];

    /// <summary>The listeners of an event with their once flags (E8).</summary>
    /// <param name="eventName">The event.</param>
    /// <returns>A new array.</returns>
    public RawListener[] RawListeners(string eventName) => Find(eventName)?.GetRawListeners() ?? [];

    /// <summary>Awaits one emit of <paramref name="eventName"/>: its arguments, or the error if <c>error</c> fires first (E10).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="cancellationToken">Cancels the wait and removes the listeners.</param>
    /// <returns>The emitted arguments.</returns>
    public Task<object?[]> Next(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        var waiter = new EventWaiter<object?[]>(cancellationToken);
        Action<object?[]> onEvent = waiter.Complete;
        Action<object?[]> onError = args => waiter.Fail(EmitterCore.UnhandledError(args.Length > 0 ? args[0] : null));
        Once(eventName, onEvent);
        if (eventName != EmitterCore.ErrorEvent)
        {
            Once(EmitterCore.ErrorEvent, onError);
        }

        waiter.OnSettled(() => Off(eventName, onEvent).Off(EmitterCore.ErrorEvent, onError));
        return waiter.Task;
    }

    /// <summary>Iterates the emits of <paramref name="eventName"/> from now on; <c>error</c> ends it with the error (E11).</summary>
    /// <param name="eventName">The event.</param>
    /// <param name="cancellationToken">Ends the iteration and removes the listeners.</param>
    /// <returns>The stream of emitted arguments; dispose it to remove the listeners.</returns>
    public EventStream<object?[]> Stream(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        var stream = new EventStream<object?[]>(cancellationToken);
        Action<object?[]> onEvent = stream.Push;
        Action<object?[]> onError = args => stream.Fail(EmitterCore.UnhandledError(args.Length > 0 ? args[0] : null));
        On(eventName, onEvent);
        if (eventName != EmitterCore.ErrorEvent)
        {
            On(EmitterCore.ErrorEvent, onError);
        }

        stream.OnDetach(() => Off(eventName, onEvent).Off(EmitterCore.ErrorEvent, onError));
        return stream;
    }

    internal static void RaiseMaxListenersExceeded(MaxListenersExceededWarning warning)
    {
        var handler = MaxListenersExceeded;
        if (handler is null)
        {
            Console.Error.WriteLine($"(loopwire) MaxListenersExceededWarning: {warning.Message}");
            return;
        }

        handler(warning);
    }

    private IListenerList? Find(string eventName)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        return eventName switch
        {
            EmitterCore.NewListenerEvent => _core.NewListenerListeners,
            EmitterCore.RemoveListenerEvent => _core.RemoveListenerListeners,
            _ => _events.GetValueOrDefault(eventName),
        };
    }

    private EventEmitter Add(string eventName, Delegate listener, ListenerMode mode)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        ArgumentNullException.ThrowIfNull(listener);

        // The array form is stored as is; other shapes get an adapter, built apart so no closure is allocated here.
        var invoke = listener as Action<object?[]> ?? Adapt(eventName, listener);
        switch (eventName)
        {
            case EmitterCore.NewListenerEvent:
                _core.ApplyNewListener(AdaptNotification(invoke), listener, mode);
                break;
            case EmitterCore.RemoveListenerEvent:
                _core.ApplyRemoveListener(AdaptNotification(invoke), listener, mode);
                break;
            default:
                _events.TryGetValue(eventName, out var list);
                _core.Apply(ref list, eventName, invoke, listener, mode, s_wrapOnce);
                if (list is not null)
                {
                    _events.TryAdd(eventName, list);
                }

                break;
        }

        return this;
    }

    private static void EmitTo(ListenerList<Action<object?[]>> list, object?[] args)
    {
        if (list.Single is { } single)
        {
            single(args);
            return;
        }

        if (list.Count == 2)
        {
            var (first, second) = (list.First, list.Second);
            first(args);
            second(args);
            return;
        }

        using (var emit = list.BeginEmit())
        {
            foreach (var listener in emit.Listeners)
            {
                listener(args);
            }
        }
    }

    private Action<object?[]> Adapt(string eventName, Delegate listener) => listener switch
    {
        Action withoutArguments => _ => withoutArguments(),
        Func<object?[], Task> asynchronous => args => AsyncListeners.Observe(asynchronous(args), _core),
        _ => throw EmitterArguments.WrongListener(eventName, "Action, Action<object?[]> or Func<object?[], Task>", listener),
    };

    // Node passes (eventName, listener) to these; the array form keeps the plain emitter's one listener shape.
    private static Action<string, Delegate> AdaptNotification(Action<object?[]> invoke) => (name, added) => invoke([name, added]);
}
