using Loopwire.Generators.Tests.Semantics.Emitters;

namespace Loopwire.Generators.Tests.Semantics;

/// <summary>Awaiting one event on generated emitters (E10), ported from Node's test-events-once.</summary>
public sealed class NextEventTests
{
    [Fact]
    public async Task Next_completes_with_the_payload_and_removes_both_listeners()
    {
        // E10
        var server = new Server();
        var next = server.Next.Data();
        Assert.Equal(1, server.Listeners.Data.Count);
        Assert.Equal(1, server.Listeners.Error.Count);

        server.Data(3, 4);

        var (first, second) = await next;
        Assert.Equal((3, 4), (first, second));
        Assert.Equal(0, server.Listeners.Data.Count);
        Assert.Equal(0, server.Listeners.Error.Count);
    }

    [Fact]
    public async Task Next_of_a_single_argument_event_completes_with_it()
    {
        // E10
        var server = new Server();
        var next = server.Next.Connection();
        server.Connection("id-1");
        Assert.Equal("id-1", await next);
    }

    [Fact]
    public async Task Next_of_an_event_without_payload_completes()
    {
        // E10
        var server = new Server();
        var next = server.Next.Ping();
        server.Ping();
        await next;
        Assert.Equal(0, server.Listeners.Ping.Count);
    }

    [Fact]
    public async Task Next_faults_when_error_fires_first_and_removes_both_listeners()
    {
        // E10
        var server = new Server();
        var next = server.Next.Connection();
        var error = new InvalidOperationException();

        server.Error(error);

        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => next));
        Assert.Equal(0, server.Listeners.Connection.Count);
        Assert.Equal(0, server.Listeners.Error.Count);
    }

    [Fact]
    public async Task Next_of_error_completes_with_the_error()
    {
        // E10: once(emitter, 'error') resolves with the error
        var server = new Server();
        var next = server.Next.Error();
        var error = new InvalidOperationException();
        server.Error(error);
        Assert.Same(error, await next);
    }

    [Fact]
    public async Task Cancelling_Next_removes_the_listeners()
    {
        // E10
        var server = new Server();
        using var cancellation = new CancellationTokenSource();
        var next = server.Next.Connection(cancellation.Token);

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        Assert.Equal(0, server.Listeners.Connection.Count);
        Assert.Equal(0, server.Listeners.Error.Count);
    }

    [Fact]
    public async Task Only_the_first_emit_completes_Next()
    {
        // E10
        var server = new Server();
        var next = server.Next.Connection();
        server.Connection("first");
        server.Connection("second");
        Assert.Equal("first", await next);
    }
}
