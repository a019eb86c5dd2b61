using Loopwire.Generators.Tests.Semantics.Emitters;

namespace Loopwire.Generators.Tests.Semantics;

/// <summary>Async iteration over an event on generated emitters (E11), ported from Node's test-event-on-async-iterator.</summary>
public sealed class EventStreamTests
{
    [Fact]
    public async Task The_stream_yields_buffered_payloads_in_order_and_disposing_removes_the_listeners()
    {
        // E11
        var server = new Server();
        var stream = server.Events.Data();
        server.Data(1, 2);
        server.Data(3, 4);

        var seen = new List<int>();
        await foreach (var (first, second) in stream)
        {
            seen.Add(first + second);
            if (seen.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([3, 7], seen);
        Assert.Equal(0, server.Listeners.Data.Count);
        Assert.Equal(0, server.Listeners.Error.Count);
    }

    [Fact]
    public async Task Error_ends_the_iteration_with_the_exception_after_the_buffered_payloads()
    {
        // E11
        var server = new Server();
        var stream = server.Events.Connection();
        server.Connection("a");
        var error = new InvalidOperationException();
        server.Error(error);

        var seen = new List<string>();
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var id in stream)
            {
                seen.Add(id);
            }
        });

        Assert.Same(error, thrown);
        Assert.Equal(["a"], seen);
        Assert.Equal(0, server.Listeners.Connection.Count);
    }

    [Fact]
    public async Task Cancelling_ends_the_iteration_and_removes_the_listeners()
    {
        // E11
        var server = new Server();
        using var cancellation = new CancellationTokenSource();
        var stream = server.Events.Ping(cancellation.Token);
        server.Ping();

        var count = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in stream)
            {
                count++;
                cancellation.Cancel();
            }
        });

        Assert.Equal(1, count);
        Assert.Equal(0, server.Listeners.Ping.Count);
    }

    [Fact]
    public async Task A_token_given_with_WithCancellation_ends_the_iteration_too()
    {
        // E11
        var server = new Server();
        using var cancellation = new CancellationTokenSource();
        var stream = server.Events.Ping();
        server.Ping();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in stream.WithCancellation(cancellation.Token))
            {
                cancellation.Cancel();
            }
        });

        Assert.Equal(0, server.Listeners.Ping.Count);
    }
}
