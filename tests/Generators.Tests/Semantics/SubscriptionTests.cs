using Loopwire.Generators.Tests.Semantics.Emitters;

namespace Loopwire.Generators.Tests.Semantics;

/// <summary>
/// Adding, once, prepending and removing on generated emitters (E3, E5, E6, E7), ported from Node's
/// test-event-emitter-{add-listeners, once, prepend, remove-listeners, remove-all-listeners}.
/// </summary>
public sealed class SubscriptionTests
{
    [Fact]
    public void NewListener_is_raised_before_the_listener_is_added()
    {
        // E3: add-listeners
        var server = new Server();
        var seen = new List<(string, Delegate, int)>();
        Action<string> listener = _ => { };
        server.On.NewListener((name, added) => seen.Add((name, added, server.Listeners.Connection.Count)));

        server.On.Connection(listener);

        Assert.Equal([("connection", (Delegate)listener, 0)], seen);
    }

    [Fact]
    public void A_newListener_listener_that_adds_a_listener_to_the_same_event_puts_it_first()
    {
        // E3: add-listeners, the listener added from newListener comes before the one being added
        var server = new Server();
        var calls = new List<string>();
        server.Once.NewListener((name, _) =>
        {
            if (name == "connection")
            {
                server.On.Connection(_ => calls.Add("from newListener"));
            }
        });

        server.On.Connection(_ => calls.Add("original"));
        server.Connection("x");

        Assert.Equal(["from newListener", "original"], calls);
    }

    [Fact]
    public void Adding_a_null_listener_is_a_clear_error()
    {
        // E3
        var server = new Server();
        Assert.Throws<ArgumentNullException>(() => server.On.Connection((Action<string>)null!));
        Assert.Throws<ArgumentNullException>(() => server.AddListener("connection", null!));
    }

    [Fact]
    public void Subscription_members_chain_across_modes_and_events()
    {
        // E3
        var server = new Server();
        var returned = server.On.Connection(_ => { }).Once.Data((_, _) => { }).Prepend.Ping(() => { }).PrependOnce.Connection(_ => { });
        Assert.Same(server, returned);
        Assert.Equal(2, server.Listeners.Connection.Count);
    }

    [Fact]
    public void A_once_listener_runs_once_and_is_removed_before_it_is_called()
    {
        // E5: once
        var server = new Server();
        var counts = new List<int>();
        server.Once.Connection(_ => counts.Add(server.Listeners.Connection.Count));

        server.Connection("a");
        server.Connection("b");

        Assert.Equal([0], counts);
    }

    [Fact]
    public void A_once_listener_that_emits_its_own_event_runs_once()
    {
        // E5: once, re-entrant emit
        var server = new Server();
        var calls = 0;
        server.Once.Connection(_ =>
        {
            calls++;
            server.Connection("again");
        });

        server.Connection("first");

        Assert.Equal(1, calls);
    }

    [Fact]
    public void A_once_listener_fired_by_a_nested_emit_does_not_run_again_in_the_outer_emit()
    {
        // E5, E1: the outer snapshot still holds the once entry, but it has fired
        var server = new Server();
        var calls = new List<string>();
        var nested = false;
        server.On.Connection(_ =>
        {
            if (!nested)
            {
                nested = true;
                server.Connection("inner");
            }
        }).Once.Connection(id => calls.Add(id));

        server.Connection("outer");

        Assert.Equal(["inner"], calls);
    }

    [Fact]
    public void Removing_the_original_removes_a_pending_once_wrapper()
    {
        // E5
        var server = new Server();
        var calls = 0;
        Action<string> listener = _ => calls++;
        server.Once.Connection(listener);
        server.Off.Connection(listener);

        Assert.False(server.Connection("x"));
        Assert.Equal(0, calls);
    }

    [Fact]
    public void A_once_listener_receives_the_payload()
    {
        // E5: once with arguments
        var server = new Server();
        var sums = new List<int>();
        server.Once.Data((first, second) => sums.Add(first + second));
        server.Data(2, 3);
        server.Data(4, 5);
        Assert.Equal([5], sums);
    }

    [Fact]
    public void Prepend_puts_listeners_first()
    {
        // E3: prepend
        var server = new Server();
        var calls = new List<int>();
        server.On.Connection(_ => calls.Add(3)).Prepend.Connection(_ => calls.Add(2)).PrependOnce.Connection(_ => calls.Add(1));

        server.Connection("a");
        server.Connection("b");

        Assert.Equal([1, 2, 3, 2, 3], calls);
    }

    [Fact]
    public void Off_removes_the_most_recently_added_equal_listener_and_raises_removeListener()
    {
        // E6: remove-listeners
        var server = new Server();
        var removed = new List<(string, Delegate)>();
        var calls = new List<string>();
        Action<string> listener = id => calls.Add(id);
        server.On.Connection(listener).Once.Connection(listener).On.RemoveListener((name, l) => removed.Add((name, l)));

        server.Off.Connection(listener);

        Assert.Equal([("connection", (Delegate)listener)], removed);
        Assert.Equal([false], server.Listeners.Connection.Raw().Select(r => r.IsOnce));
    }

    [Fact]
    public void Removing_an_absent_listener_raises_nothing()
    {
        // E6
        var server = new Server();
        var removed = 0;
        server.On.RemoveListener((_, _) => removed++).On.Connection(_ => { });

        server.Off.Connection(_ => { });
        server.Off.Data((_, _) => { });

        Assert.Equal(0, removed);
    }

    [Fact]
    public void Removing_one_listener_during_removeListener_of_another_works()
    {
        // E6: remove-listeners, removing from within removeListener
        var server = new Server();
        Action<string> first = _ => { };
        Action<string> second = _ => { };
        server.On.Connection(first).On.Connection(second);
        server.Once.RemoveListener((_, _) => server.Off.Connection(second));

        server.Off.Connection(first);

        Assert.Equal(0, server.Listeners.Connection.Count);
    }

    [Fact]
    public void RemoveAll_for_one_event_removes_in_reverse_order_raising_removeListener()
    {
        // E7: remove-all-listeners
        var server = new Server();
        var removed = new List<Delegate>();
        Action<string> first = _ => { };
        Action<string> second = _ => { };
        server.On.Connection(first).On.Connection(second).On.Data((_, _) => { });
        server.On.RemoveListener((_, listener) => removed.Add(listener));

        server.RemoveAllListeners("connection");

        Assert.Equal([second, first], removed);
        Assert.Equal(1, server.Listeners.Data.Count);
    }

    [Fact]
    public void RemoveAll_without_an_event_clears_removeListener_last()
    {
        // E7
        var server = new Server();
        var removed = new List<string>();
        server.On.Connection(_ => { }).On.Data((_, _) => { }).On.NewListener((_, _) => { });
        server.On.RemoveListener((name, _) => removed.Add(name));

        server.RemoveAllListeners();

        // The last removeListener listener is gone before its own removal is announced, as in Node.
        Assert.Equal(["connection", "data", "newListener"], removed);
        Assert.Empty(server.EventNames());
    }

    [Fact]
    public void RemoveAll_without_removeListener_listeners_just_clears()
    {
        // E7
        var server = new Server();
        server.On.Connection(_ => { }).On.Connection(_ => { });
        server.Listeners.Connection.RemoveAll();
        Assert.Equal(0, server.Listeners.Connection.Count);
        Assert.False(server.Connection("x"));
    }
}
