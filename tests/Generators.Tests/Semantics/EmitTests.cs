using Loopwire.Generators.Tests.Semantics.Emitters;

namespace Loopwire.Generators.Tests.Semantics;

/// <summary>Emit on generated emitters (E1), ported from Node's test-event-emitter-modify-in-emit and num-args.</summary>
public sealed class EmitTests
{
    [Fact]
    public void Emit_calls_listeners_in_order_and_reports_whether_there_were_any()
    {
        // E1
        var server = new Server();
        var calls = new List<string>();
        Assert.False(server.Connection("a"));

        server.On.Connection(id => calls.Add("first " + id)).On.Connection(id => calls.Add("second " + id));

        Assert.True(server.Connection("b"));
        Assert.Equal(["first b", "second b"], calls);
    }

    [Fact]
    public void A_listener_added_during_an_emit_runs_from_the_next_emit()
    {
        // E1: modify-in-emit, adding
        var server = new Server();
        var calls = new List<string>();
        void Late(string id) => calls.Add("late");
        server.On.Connection(id =>
        {
            calls.Add("adder");
            server.On.Connection(Late);
        });

        server.Connection("x");
        Assert.Equal(["adder"], calls);

        calls.Clear();
        server.Connection("x");
        Assert.Equal(["adder", "late"], calls);
    }

    [Fact]
    public void A_listener_removed_during_an_emit_still_runs_in_it()
    {
        // E1: modify-in-emit, removing
        var server = new Server();
        var calls = new List<string>();
        Action<string> second = _ => calls.Add("second");
        Action<string> third = _ => calls.Add("third");
        server.On.Connection(_ =>
        {
            calls.Add("first");
            server.Off.Connection(second).Off.Connection(third);
        }).On.Connection(second).On.Connection(third);

        server.Connection("x");
        Assert.Equal(["first", "second", "third"], calls);
        Assert.Equal(1, server.Listeners.Connection.Count);

        calls.Clear();
        server.Connection("x");
        Assert.Equal(["first"], calls);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public void Every_emit_path_calls_the_listeners_it_started_with(int count)
    {
        // E1: one or two plain listeners are called directly, more are iterated; on each path the first listener
        // removing the others and adding one changes only the next emit.
        var server = new Server();
        var calls = new List<string>();
        var others = Enumerable.Range(1, count - 1).Select(i => (Action<string>)(_ => calls.Add($"listener {i}"))).ToList();
        server.On.Connection(_ =>
        {
            calls.Add("listener 0");
            others.ForEach(other => server.Off.Connection(other));
            server.On.Connection(_ => calls.Add("added"));
        });
        others.ForEach(other => server.On.Connection(other));

        server.Connection("x");
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"listener {i}"), calls);

        calls.Clear();
        server.Connection("x");
        Assert.Equal(["listener 0", "added"], calls);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public void A_once_listener_runs_once_on_every_emit_path_even_when_an_emit_nests(int count)
    {
        // E1, E5: the first listener emits again from inside the emit, once. The nested emit fires the once
        // listener, last in line; the outer emit's snapshot still holds it, and must skip it.
        var server = new Server();
        var calls = new List<string>();
        var nested = false;
        server.On.Connection(_ =>
        {
            calls.Add("listener 0");
            if (!nested)
            {
                nested = true;
                server.Connection("nested");
            }
        });
        for (var i = 1; i < count - 1; i++)
        {
            var name = $"listener {i}";
            server.On.Connection(_ => calls.Add(name));
        }

        server.Once.Connection(_ => calls.Add("once"));
        server.Connection("x");
        server.Connection("x");

        var plain = Enumerable.Range(0, count - 1).Select(i => $"listener {i}").ToList();
        Assert.Equal([plain[0], .. plain, "once", .. plain.Skip(1), .. plain], calls);
    }

    [Fact]
    public void Removing_all_listeners_during_an_emit_leaves_that_emit_unchanged()
    {
        // E1, E7: modify-in-emit, removeAllListeners
        var server = new Server();
        var calls = 0;
        server.On.Connection(_ => { calls++; server.RemoveAllListeners("connection"); }).On.Connection(_ => calls++);

        server.Connection("x");
        server.Connection("x");

        Assert.Equal(2, calls);
    }

    [Fact]
    public void Listeners_receive_every_argument_whatever_the_arity()
    {
        // E1: num-args
        var emitter = new Arities();
        var seen = new List<object>();
        emitter.On.Zero(() => seen.Add("zero"))
            .On.One(a => seen.Add(a))
            .On.Three((a, b, c) => seen.Add((a, b, c)))
            .On.Eight((a, b, c, d, e, f, g, h) => seen.Add(a + b + c + d + e + f + g + h))
            .On.Nine((a, b, c, d, e, f, g, h, i) => seen.Add(a + b + c + d + e + f + g + h + i))
            .On.Chunk(chunk => seen.Add(chunk.Length))
            .On.Point((point, at, amount, id) => seen.Add((point.X, point.Y, at.Year, amount, id)));

        emitter.Zero();
        emitter.One(1);
        emitter.Three(1, "b", 2.5);
        emitter.Eight(1, 2, 3, 4, 5, 6, 7, 8);
        emitter.Nine(1, 2, 3, 4, 5, 6, 7, 8, 9);
        emitter.Chunk(new byte[] { 1, 2, 3 });
        emitter.Point((4, 5), new DateTime(2024, 1, 1), 1.5m, Guid.Empty);

        Assert.Equal<object>(["zero", 1, (1, "b", 2.5), 36, 45, 3, (4, 5, 2024, 1.5m, Guid.Empty)], seen);
    }

    [Fact]
    public void Generic_and_record_emitters_emit_their_payloads()
    {
        // E1
        var box = new Outer<string>.Box<int>();
        var items = new List<int>();
        box.On.Item((item, tag) => items.Add(item + tag.Length)).On.Items(values => items.AddRange(values));
        box.Item(1, "ab");
        box.Items(7, 8);
        Assert.Equal([3, 7, 8], items);

        var person = new Person("Ada");
        var renames = new List<string>();
        person.On.Renamed((from, to) => renames.Add($"{from}->{to}"));
        person.Renamed("Ada", "Grace");
        Assert.Equal(["Ada->Grace"], renames);
    }

    [Fact]
    public void A_void_emit_runs_its_listeners()
    {
        // E1
        var server = new Server();
        var pings = 0;
        server.On.Ping(() => pings++);
        server.Ping();
        Assert.Equal(1, pings);
    }
}
