using Loopwire.Generators.Tests.Semantics.Emitters;

namespace Loopwire.Generators.Tests.Semantics;

/// <summary>The string-keyed surface of generated emitters: the generated switch, and clear errors for wrong names or types.</summary>
public sealed class StringKeyedTests
{
    [Fact]
    public void String_keyed_calls_reach_the_typed_events()
    {
        // E1, E3, E6
        var server = new Server();
        var seen = new List<int>();
        Action<int, int> listener = (a, b) => seen.Add(a * b);
        server.AddListener("data", listener).PrependOnceListener("data", (Action<int, int>)((a, b) => seen.Add(a + b)));

        Assert.True(server.Emit("data", 2, 5));
        server.RemoveListener("data", listener);
        Assert.False(server.Emit("data", 2, 5));

        Assert.Equal([7, 10], seen);
    }

    [Fact]
    public void An_unknown_event_name_names_the_known_ones()
    {
        var server = new Server();
        var error = Assert.Throws<ArgumentException>(() => server.AddListener("conection", (Action<string>)(_ => { })));
        Assert.Contains("Server has no event 'conection'", error.Message);
        Assert.Contains("connection, data, error, ping, newListener, removeListener", error.Message);
        Assert.Throws<ArgumentException>(() => server.Emit("nope"));
    }

    [Fact]
    public void A_listener_of_the_wrong_type_names_the_expected_type()
    {
        var server = new Server();
        var error = Assert.Throws<ArgumentException>(() => server.AddListener("data", (Action<string>)(_ => { })));
        Assert.Contains("Action<int, int> or Func<int, int, Task>, not Action<String>", error.Message);
    }

    [Fact]
    public async Task An_async_listener_can_be_added_and_removed_by_name()
    {
        // E9, E6
        var server = new Server();
        var seen = new TaskCompletionSource<string>();
        Func<string, Task> listener = id =>
        {
            seen.SetResult(id);
            return Task.CompletedTask;
        };

        server.AddListener("connection", listener).Emit("connection", "a");
        Assert.Equal("a", await seen.Task);
        server.RemoveListener("connection", listener);
        Assert.Equal(0, server.ListenerCount("connection"));
    }

    [Fact]
    public void Arguments_of_the_wrong_count_or_type_are_clear_errors()
    {
        var server = new Server();
        Assert.Contains("takes 2 argument(s) (int first, int second), not 1", Assert.Throws<ArgumentException>(() => server.Emit("data", 1)).Message);
        Assert.Contains("must be Int32, not String", Assert.Throws<ArgumentException>(() => server.Emit("data", 1, "two")).Message);
    }

    [Fact]
    public void Null_reaches_reference_payloads()
    {
        var server = new Server();
        var seen = "unset";
        server.On.Connection(id => seen = id);
        server.Emit("connection", [null]);
        Assert.Null(seen);
    }
}
