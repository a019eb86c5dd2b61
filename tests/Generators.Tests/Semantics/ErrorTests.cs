using Loopwire.Generators.Tests.Semantics.Emitters;

namespace Loopwire.Generators.Tests.Semantics;

/// <summary>The error event on generated emitters (E2), ported from Node's test-event-emitter-errors.</summary>
public sealed class ErrorTests
{
    [Fact]
    public void An_unhandled_exception_payload_is_thrown_itself()
    {
        // E2
        var server = new Server();
        var error = new InvalidOperationException("boom");
        var thrown = Assert.Throws<InvalidOperationException>(() => server.Error(error));
        Assert.Same(error, thrown);
    }

    [Fact]
    public void An_unhandled_non_exception_payload_is_wrapped()
    {
        // E2
        var messenger = new Messenger();
        var thrown = Assert.Throws<UnhandledErrorException>(() => messenger.Error("disk full"));
        Assert.Equal("disk full", thrown.Payload);
        Assert.Contains("disk full", thrown.Message);
    }

    [Fact]
    public void A_handled_error_goes_to_its_listeners()
    {
        // E2
        var server = new Server();
        Exception? seen = null;
        server.On.Error(e => seen = e);
        var error = new InvalidOperationException();
        Assert.True(server.Error(error));
        Assert.Same(error, seen);
    }

    [Fact]
    public void The_string_keyed_emit_of_an_unhandled_error_throws_too()
    {
        // E2
        var server = new Server();
        var error = new TimeoutException();
        Assert.Same(error, Assert.Throws<TimeoutException>(() => server.Emit("error", error)));
    }

    [Fact]
    public void An_error_monitor_sees_errors_first_without_handling_them()
    {
        // E2: error-monitor
        var server = new Server();
        var seen = new List<string>();
        var error = new InvalidOperationException();
        server.On.ErrorMonitor(e => seen.Add("monitor " + ReferenceEquals(e, error)));

        Assert.Same(error, Assert.Throws<InvalidOperationException>(() => server.Error(error)));
        Assert.Equal(["monitor True"], seen);

        server.On.Error(_ => seen.Add("listener"));
        Assert.True(server.Error(error));
        Assert.Equal(["monitor True", "monitor True", "listener"], seen);
        Assert.Equal(1, server.Listeners.ErrorMonitor.Count);
        Assert.Equal(1, server.ListenerCount(EventEmitter.ErrorMonitor));
    }
}
