using Loopwire.Events;
using Loopwire.Generators.Tests.Semantics.Emitters;

namespace Loopwire.Generators.Tests.Semantics;

/// <summary>
/// Max listeners and leak warnings on generated emitters (E4), ported from Node's
/// test-event-emitter-{max-listeners, max-listeners-warning, check-listener-leaks}.
/// In the non-parallel collection because one test changes the process-wide default.
/// </summary>
[Collection(DefaultMaxListenersCollection.Name)]
public sealed class MaxListenersTests
{
    [Fact]
    public void Going_over_the_default_of_ten_warns_once_per_event_and_still_adds()
    {
        // E4: check-listener-leaks
        var server = new Server();
        var warnings = Capture(server, () =>
        {
            for (var i = 0; i < 12; i++)
            {
                server.On.Connection(_ => { });
            }

            for (var i = 0; i < 11; i++)
            {
                server.On.Data((_, _) => { });
            }
        });

        Assert.Equal(12, server.Listeners.Connection.Count);
        var connection = Assert.Single(warnings, w => w.EventName == "connection");
        Assert.Equal((11, 10, "Server"), (connection.Count, connection.MaxListeners, connection.EmitterType));
        Assert.Contains("11 connection listeners added to [Server]", connection.Message);
        Assert.Single(warnings, w => w.EventName == "data");
    }

    [Fact]
    public void Zero_means_unlimited_and_the_instance_setting_overrides_the_default()
    {
        // E4: max-listeners
        var unlimited = new Server { MaxListeners = 0 };
        var strict = new Server { MaxListeners = 1 };
        var warnings = Capture(unlimited, () =>
        {
            for (var i = 0; i < 50; i++)
            {
                unlimited.On.Connection(_ => { });
            }
        });
        Assert.Empty(warnings);

        warnings = Capture(strict, () => strict.On.Connection(_ => { }).On.Connection(_ => { }));
        Assert.Equal(2, Assert.Single(warnings).Count);
    }

    [Fact]
    public void An_emptied_event_warns_again_when_it_grows_past_the_maximum()
    {
        // E4: check-listener-leaks, the warned flag goes with the emptied listener set
        var server = new Server { MaxListeners = 1 };
        var warnings = Capture(server, () =>
        {
            server.On.Connection(_ => { }).On.Connection(_ => { }).On.Connection(_ => { });
            server.Listeners.Connection.RemoveAll();
            server.On.Connection(_ => { }).On.Connection(_ => { });
        });

        Assert.Equal([2, 2], warnings.Select(w => w.Count));
    }

    [Fact]
    public void A_negative_maximum_is_rejected()
    {
        // E4
        Assert.Throws<ArgumentOutOfRangeException>(() => new Server().MaxListeners = -1);
    }

    [Fact]
    public void The_default_applies_to_emitters_that_did_not_set_their_own()
    {
        // E4: defaultMaxListeners
        var previous = EventEmitter.DefaultMaxListeners;
        try
        {
            EventEmitter.DefaultMaxListeners = 2;
            var server = new Server();
            var own = new Server { MaxListeners = 5 };
            Assert.Equal(2, server.MaxListeners);
            var warnings = Capture(server, () => server.On.Ping(() => { }).On.Ping(() => { }).On.Ping(() => { }));
            Assert.Single(warnings);
            Assert.Equal(5, own.MaxListeners);
        }
        finally
        {
            EventEmitter.DefaultMaxListeners = previous;
        }
    }

    private static List<MaxListenersExceededWarning> Capture(object emitter, Action action)
    {
        var warnings = new List<MaxListenersExceededWarning>();
        void OnWarning(MaxListenersExceededWarning warning)
        {
            if (ReferenceEquals(warning.Emitter, emitter))
            {
                lock (warnings)
                {
                    warnings.Add(warning);
                }
            }
        }

        EventEmitter.MaxListenersExceeded += OnWarning;
        try
        {
            action();
        }
        finally
        {
            EventEmitter.MaxListenersExceeded -= OnWarning;
        }

        return warnings;
    }
}
