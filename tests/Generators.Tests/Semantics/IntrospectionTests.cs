using Loopwire.Generators.Tests.Semantics.Emitters;

namespace Loopwire.Generators.Tests.Semantics;

/// <summary>Listener introspection on generated emitters (E8), ported from Node's test-event-emitter-{listeners, listener-count}.</summary>
public sealed class IntrospectionTests
{
    [Fact]
    public void Counts_follow_adds_and_removes()
    {
        // E8: listener-count
        var server = new Server();
        Action<string> listener = _ => { };
        Assert.Equal(0, server.Listeners.Connection.Count);
        server.On.Connection(listener).On.Connection(listener);
        Assert.Equal(2, server.Listeners.Connection.Count);
        Assert.Equal(2, server.ListenerCount("connection"));
        server.Off.Connection(listener);
        Assert.Equal(1, server.ListenerCount("connection"));
    }

    [Fact]
    public void Listeners_are_unwrapped_and_raw_listeners_carry_the_once_flag()
    {
        // E8: listeners vs rawListeners
        var server = new Server();
        Action<string> plain = _ => { };
        Action<string> once = _ => { };
        server.On.Connection(plain).Once.Connection(once);

        Assert.Equal([plain, once], server.Listeners.Connection.ToArray());
        Assert.Equal([new(plain, false), new(once, true)], server.Listeners.Connection.Raw());
        Assert.Equal([plain, once], server.GetListeners("connection"));
        Assert.Equal(server.Listeners.Connection.Raw(), server.GetRawListeners("connection"));
    }

    [Fact]
    public void Returned_arrays_are_copies()
    {
        // E8: listeners returns a copy
        var server = new Server();
        server.On.Connection(_ => { });
        var listeners = server.Listeners.Connection.ToArray();
        listeners[0] = null!;
        Assert.NotNull(server.Listeners.Connection.ToArray()[0]);
    }

    [Fact]
    public void Event_names_list_the_events_with_listeners()
    {
        // E8: eventNames
        var server = new Server();
        Assert.Empty(server.EventNames());
        server.On.Data((_, _) => { }).On.Ping(() => { }).On.NewListener((_, _) => { });
        Assert.Equal(["data", "ping", "newListener"], server.EventNames());
    }

    [Fact]
    public void Special_names_are_ordinary_events()
    {
        // E8: special-event-names
        var messenger = new Messenger();
        var values = new List<int>();
        messenger.AddListener("__proto__", (Action<int>)(value => values.Add(value)));
        messenger.On.ToStringEvent(() => values.Add(-1)).On.Constructor(() => values.Add(-2));

        Assert.True(messenger.Emit("__proto__", 7));
        Assert.True(messenger.Emit("toString"));
        Assert.True(messenger.Emit("constructor"));
        Assert.Equal([7, -1, -2], values);
        Assert.Equal(["__proto__", "toString", "constructor"], messenger.EventNames());
    }
}
