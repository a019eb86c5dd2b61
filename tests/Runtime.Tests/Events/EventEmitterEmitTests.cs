namespace Loopwire.Tests.Events;

/// <summary>
/// Emit, errors and allocation on the plain <see cref="EventEmitter"/> (E1, E2), ported from Node's
/// test-event-emitter-{modify-in-emit, num-args, errors, special-event-names}.
/// </summary>
public sealed class EventEmitterEmitTests
{
    [Fact]
    public void Emit_calls_listeners_in_order_with_the_arguments_and_reports_whether_there_were_any()
    {
        // E1, num-args
        var emitter = new EventEmitter();
        var seen = new List<string>();
        Assert.False(emitter.Emit("data", 1));
        emitter.On("data", args => seen.Add("first " + string.Join(",", args))).On("data", () => seen.Add("second"));

        Assert.True(emitter.Emit("data", 1, "two", null));
        Assert.True(emitter.Emit("data"));

        Assert.Equal(["first 1,two,", "second", "first ", "second"], seen);
    }

    [Fact]
    public void Changes_during_an_emit_apply_from_the_next_emit()
    {
        // E1: modify-in-emit
        var emitter = new EventEmitter();
        var calls = new List<string>();
        Action late = () => calls.Add("late");
        Action removed = () => calls.Add("removed");
        emitter.On("x", () =>
        {
            calls.Add("first");
            emitter.Off("x", removed).On("x", late);
        }).On("x", removed);

        emitter.Emit("x");
        Assert.Equal(["first", "removed"], calls);

        calls.Clear();
        emitter.Off("x", late).Emit("x");
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
        var emitter = new EventEmitter();
        var calls = new List<string>();
        var others = Enumerable.Range(1, count - 1).Select(i => (Action)(() => calls.Add($"listener {i}"))).ToList();
        emitter.On("x", () =>
        {
            calls.Add("listener 0");
            others.ForEach(other => emitter.Off("x", other));
            emitter.On("x", () => calls.Add("added"));
        });
        others.ForEach(other => emitter.On("x", other));

        emitter.Emit("x");
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"listener {i}"), calls);

        calls.Clear();
        emitter.Emit("x");
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
        var emitter = new EventEmitter();
        var calls = new List<string>();
        var nested = false;
        emitter.On("x", () =>
        {
            calls.Add("listener 0");
            if (!nested)
            {
                nested = true;
                emitter.Emit("x");
            }
        });
        for (var i = 1; i < count - 1; i++)
        {
            var name = $"listener {i}";
            emitter.On("x", () => calls.Add(name));
        }

        emitter.Once("x", () => calls.Add("once"));
        emitter.Emit("x");
        emitter.Emit("x");

        var plain = Enumerable.Range(0, count - 1).Select(i => $"listener {i}").ToList();
        Assert.Equal([plain[0], .. plain, "once", .. plain.Skip(1), .. plain], calls);
    }

    [Fact]
    public void RemoveAllListeners_during_an_emit_leaves_that_emit_unchanged()
    {
        // E1, E7
        var emitter = new EventEmitter();
        var calls = 0;
        emitter.On("x", () => { calls++; emitter.RemoveAllListeners("x"); }).On("x", () => calls++);
        emitter.Emit("x");
        emitter.Emit("x");
        Assert.Equal(2, calls);
    }

    [Fact]
    public void An_unhandled_error_throws_the_exception_itself_or_wraps_the_payload()
    {
        // E2: errors
        var emitter = new EventEmitter();
        var error = new InvalidOperationException();
        Assert.Same(error, Assert.Throws<InvalidOperationException>(() => emitter.Emit("error", error)));
        Assert.Equal("oops", Assert.Throws<UnhandledErrorException>(() => emitter.Emit("error", "oops")).Payload);
        Assert.Null(Assert.Throws<UnhandledErrorException>(() => emitter.Emit("error")).Payload);

        object? handled = null;
        emitter.On("error", args => handled = args[0]);
        Assert.True(emitter.Emit("error", "oops"));
        Assert.Equal("oops", handled);
    }

    [Fact]
    public void An_error_monitor_sees_errors_first_without_handling_them()
    {
        // E2: error-monitor
        var emitter = new EventEmitter();
        var seen = new List<object?>();
        emitter.On(EventEmitter.ErrorMonitor, args => seen.Add(args[0]));

        Assert.Throws<UnhandledErrorException>(() => emitter.Emit("error", "first"));
        emitter.On("error", args => seen.Add("handled " + args[0]));
        Assert.True(emitter.Emit("error", "second"));

        Assert.Equal(["first", "second", "handled second"], seen);
    }

    [Fact]
    public void Special_names_are_ordinary_events()
    {
        // E1: special-event-names
        var emitter = new EventEmitter();
        var seen = new List<string>();
        foreach (var name in new[] { "__proto__", "toString", "constructor", "hasOwnProperty", "" })
        {
            emitter.On(name, () => seen.Add(name));
        }

        foreach (var name in new[] { "__proto__", "toString", "constructor", "hasOwnProperty", "" })
        {
            Assert.True(emitter.Emit(name));
        }

        Assert.Equal(["__proto__", "toString", "constructor", "hasOwnProperty", ""], seen);
        Assert.Equal(seen, emitter.EventNames());
    }

    [Fact]
    public void Null_names_and_listeners_are_clear_errors()
    {
        // E3
        var emitter = new EventEmitter();
        Assert.Throws<ArgumentNullException>(() => emitter.On("x", (Action)null!));
        Assert.Throws<ArgumentNullException>(() => emitter.On(null!, () => { }));
        Assert.Throws<ArgumentNullException>(() => emitter.Off("x", null!));
    }

    [Fact]
    public void Emitting_to_an_unchanged_set_allocates_only_the_arguments_array()
    {
        // E1: the emit itself allocates nothing; params arrays are the caller's
        var emitter = new EventEmitter();
        var count = 0;
        for (var i = 0; i < 10; i++)
        {
            emitter.On("x", args => count += args.Length);
        }

        object?[] args = [1, 2];
        for (var i = 0; i < 1_000; i++)
        {
            emitter.Emit("x", args);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            emitter.Emit("x", args);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
