namespace Loopwire.Tests.Events;

/// <summary>
/// Async listeners, awaiting one event and async iteration on the plain <see cref="EventEmitter"/> (E9–E11),
/// ported from Node's test-events-once and test-event-on-async-iterator.
/// </summary>
public sealed class EventEmitterAsyncTests
{
    [Fact]
    public async Task A_faulted_async_listener_is_emitted_as_error_when_capturing()
    {
        // E9
        var emitter = new EventEmitter { CaptureRejections = true };
        var gate = new TaskCompletionSource();
        var routed = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failure = new InvalidOperationException();
        emitter.On("error", args => routed.SetResult(args[0]));
        emitter.On("x", async _ =>
        {
            await gate.Task;
            throw failure;
        });

        emitter.Emit("x");
        gate.SetResult();

        Assert.Same(failure, await routed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void An_async_once_listener_runs_once_and_its_fault_is_still_emitted()
    {
        // E5, E9: the once wrapper wraps the async adapter
        var emitter = new EventEmitter { CaptureRejections = true };
        var calls = 0;
        object? routed = null;
        emitter.On("error", args => routed = args[0]);
        emitter.Once("x", _ =>
        {
            calls++;
            return Task.FromException(new TimeoutException());
        });

        emitter.Emit("x");
        emitter.Emit("x");

        Assert.Equal(1, calls);
        Assert.IsType<TimeoutException>(routed);
        Assert.Equal(0, emitter.ListenerCount("x"));
    }

    [Fact]
    public void Without_capturing_a_faulted_async_listener_is_left_alone()
    {
        // E9
        var emitter = new EventEmitter();
        var errors = 0;
        emitter.On("error", () => errors++).On("x", _ => Task.FromException(new TimeoutException()));
        emitter.Emit("x");
        Assert.Equal(0, errors);
    }

    [Fact]
    public async Task Next_completes_with_the_arguments_or_faults_on_error_and_removes_both_listeners()
    {
        // E10: events.once
        var emitter = new EventEmitter();
        var next = emitter.Next("x");
        emitter.Emit("x", 1, "two");
        Assert.Equal([1, "two"], await next);
        Assert.Equal(0, emitter.ListenerCount("x"));
        Assert.Equal(0, emitter.ListenerCount("error"));

        var failing = emitter.Next("x");
        var error = new InvalidOperationException();
        emitter.Emit("error", error);
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => failing));
        Assert.Equal(0, emitter.ListenerCount("x"));
    }

    [Fact]
    public async Task Cancelling_Next_removes_the_listeners()
    {
        // E10
        var emitter = new EventEmitter();
        using var cancellation = new CancellationTokenSource();
        var next = emitter.Next("x", cancellation.Token);
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        Assert.Empty(emitter.EventNames());
    }

    [Fact]
    public async Task The_stream_buffers_emits_ends_on_error_and_removes_its_listeners()
    {
        // E11: events.on
        var emitter = new EventEmitter();
        var stream = emitter.Stream("x");
        emitter.Emit("x", 1);
        emitter.Emit("x", 2);
        var error = new InvalidOperationException();
        emitter.Emit("error", error);

        var seen = new List<object?>();
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var args in stream)
            {
                seen.Add(args[0]);
            }
        });

        Assert.Same(error, thrown);
        Assert.Equal([1, 2], seen);
        Assert.Empty(emitter.EventNames());
    }

    [Fact]
    public async Task Disposing_the_stream_removes_its_listeners()
    {
        // E11
        var emitter = new EventEmitter();
        var stream = emitter.Stream("x");
        emitter.Emit("x", "a");
        await foreach (var args in stream)
        {
            Assert.Equal("a", args[0]);
            break;
        }

        Assert.Empty(emitter.EventNames());
    }
}
