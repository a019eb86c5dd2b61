using Loopwire.Generators.Tests.Semantics.Emitters;

namespace Loopwire.Generators.Tests.Semantics;

/// <summary>Async listeners on generated emitters (E9): faults go to error when CaptureRejections is on.</summary>
public sealed class AsyncListenerTests
{
    [Fact]
    public async Task A_fault_after_an_await_is_emitted_as_error_when_capturing()
    {
        // E9
        var server = new Server { CaptureRejections = true };
        var gate = new TaskCompletionSource();
        var routed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failure = new InvalidOperationException("async failure");
        server.On.Error(routed.SetResult);
        server.On.Connection(async _ =>
        {
            await gate.Task;
            throw failure;
        });

        server.Connection("x");
        Assert.False(routed.Task.IsCompleted);
        gate.SetResult();

        Assert.Same(failure, await routed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_fault_before_the_first_await_is_emitted_at_once()
    {
        // E9
        var server = new Server { CaptureRejections = true };
        Exception? routed = null;
        server.On.Error(e => routed = e);
        server.On.Connection(_ => Task.FromException(new TimeoutException()));

        server.Connection("x");

        Assert.IsType<TimeoutException>(routed);
    }

    [Fact]
    public void An_async_once_listener_runs_once_and_its_fault_is_still_emitted()
    {
        // E5, E9: the once wrapper wraps the async adapter
        var server = new Server { CaptureRejections = true };
        var calls = 0;
        Exception? routed = null;
        server.On.Error(e => routed = e);
        server.Once.Connection(_ =>
        {
            calls++;
            return Task.FromException(new TimeoutException());
        });

        server.Connection("x");
        server.Connection("x");

        Assert.Equal(1, calls);
        Assert.IsType<TimeoutException>(routed);
        Assert.Equal(0, server.Listeners.Connection.Count);
    }

    [Fact]
    public void Without_capturing_a_fault_is_not_emitted()
    {
        // E9: captureRejections defaults to off
        var server = new Server();
        var errors = 0;
        server.On.Error(_ => errors++);
        server.On.Connection(_ => Task.FromException(new TimeoutException()));

        server.Connection("x");

        Assert.Equal(0, errors);
    }

    [Fact]
    public void A_captured_fault_with_no_error_listener_throws_as_an_unhandled_error()
    {
        // E9, E2
        var server = new Server { CaptureRejections = true };
        server.On.Connection(_ => Task.FromException(new TimeoutException()));
        Assert.Throws<TimeoutException>(() => server.Connection("x"));
    }

    [Fact]
    public void An_async_listener_is_removed_by_the_delegate_that_was_added()
    {
        // E9, E6
        var server = new Server();
        Func<string, Task> listener = _ => Task.CompletedTask;
        server.On.Connection(listener);
        Assert.Equal([listener], server.Listeners.Connection.ToArray());
        server.Off.Connection(listener);
        Assert.Equal(0, server.Listeners.Connection.Count);
    }
}
