using Loopwire.Events;

namespace Loopwire.Tests.Events;

/// <summary>
/// Adding, once, prepending, removing and introspection on the plain <see cref="EventEmitter"/> (E3, E5–E8), ported
/// from Node's test-event-emitter-{add-listeners, once, prepend, remove-listeners, remove-all-listeners, listeners, listener-count}.
/// </summary>
public sealed class EventEmitterSubscriptionTests
{
    [Fact]
    public void NewListener_is_raised_before_adding_with_the_name_and_listener()
    {
        // E3: add-listeners
        var emitter = new EventEmitter();
        var seen = new List<object?>();
        Action listener = () => { };
        emitter.On("newListener", args => seen.AddRange([args[0], args[1], emitter.ListenerCount("hello")]));

        var returned = emitter.On("hello", listener);

        Assert.Same(emitter, returned);
        Assert.Equal(["hello", listener, 0], seen);
    }

    [Fact]
    public void Once_runs_once_removing_itself_first_and_Off_removes_a_pending_once()
    {
        // E5: once
        var emitter = new EventEmitter();
        var counts = new List<int>();
        emitter.Once("x", () => counts.Add(emitter.ListenerCount("x")));
        emitter.Emit("x");
        emitter.Emit("x");
        Assert.Equal([0], counts);

        Action never = () => counts.Add(-1);
        emitter.Once("y", never).Off("y", never);
        Assert.False(emitter.Emit("y"));
    }

    [Fact]
    public void A_once_listener_emitting_its_own_event_runs_once()
    {
        // E5
        var emitter = new EventEmitter();
        var calls = 0;
        emitter.Once("x", () => { calls++; emitter.Emit("x"); });
        emitter.Emit("x");
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Prepend_and_prependOnce_put_listeners_first()
    {
        // E3: prepend
        var emitter = new EventEmitter();
        var calls = new List<int>();
        emitter.On("x", () => calls.Add(3)).Prepend("x", () => calls.Add(2)).PrependOnce("x", () => calls.Add(1));
        emitter.Emit("x");
        emitter.Emit("x");
        Assert.Equal([1, 2, 3, 2, 3], calls);
    }

    [Fact]
    public void Off_removes_the_latest_equal_listener_and_raises_removeListener_only_on_removal()
    {
        // E6: remove-listeners
        var emitter = new EventEmitter();
        var removed = new List<object?>();
        Action listener = () => { };
        emitter.On("x", listener).Once("x", listener).On("removeListener", args => removed.AddRange(args));

        emitter.Off("x", listener).Off("x", () => { }).Off("missing", listener);

        Assert.Equal(["x", listener], removed);
        Assert.Equal([new RawListener(listener, false)], emitter.RawListeners("x"));
    }

    [Fact]
    public void RemoveAllListeners_goes_in_reverse_and_clears_removeListener_last()
    {
        // E7: remove-all-listeners
        var emitter = new EventEmitter();
        var removed = new List<string>();
        Action first = () => { };
        Action second = () => { };
        emitter.On("x", first).On("x", second).On("y", () => { });
        emitter.On("removeListener", args => removed.Add($"{args[0]}:{(ReferenceEquals(args[1], first) ? "first" : ReferenceEquals(args[1], second) ? "second" : "other")}"));

        emitter.RemoveAllListeners("x");
        Assert.Equal(["x:second", "x:first"], removed);

        emitter.RemoveAllListeners();
        Assert.Equal(["x:second", "x:first", "y:other"], removed);
        Assert.Empty(emitter.EventNames());
    }

    [Fact]
    public void Introspection_reports_counts_listeners_raw_listeners_and_names()
    {
        // E8: listeners, listener-count
        var emitter = new EventEmitter();
        Action plain = () => { };
        Action<object?[]> once = _ => { };
        emitter.On("a", plain).Once("a", once).On("b", plain);

        Assert.Equal(2, emitter.ListenerCount("a"));
        Assert.Equal(0, emitter.ListenerCount("none"));
        Assert.Equal([plain, once], emitter.Listeners("a"));
        Assert.Equal([new RawListener(plain, false), new RawListener(once, true)], emitter.RawListeners("a"));
        Assert.Equal(["a", "b"], emitter.EventNames());

        var copy = emitter.Listeners("a");
        copy[0] = null!;
        Assert.Same(plain, emitter.Listeners("a")[0]);
    }
}
