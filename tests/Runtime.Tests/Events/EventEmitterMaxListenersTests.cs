using Loopwire.Events;

namespace Loopwire.Tests.Events;

/// <summary>
/// Max listeners on the plain <see cref="EventEmitter"/> (E4), ported from Node's
/// test-event-emitter-{max-listeners-warning, check-listener-leaks}. Not parallel: one test changes the default.
/// </summary>
[Collection(EmitterDefaultsCollection.Name)]
public sealed class EventEmitterMaxListenersTests
{
    [Fact]
    public void Going_over_ten_warns_once_per_event_naming_the_type_event_and_count()
    {
        // E4
        var emitter = new EventEmitter();
        var warnings = Capture(emitter, () =>
        {
            for (var i = 0; i < 13; i++)
            {
                emitter.On("leaky", () => { });
            }
        });

        var warning = Assert.Single(warnings);
        Assert.Equal(("EventEmitter", "leaky", 11, 10), (warning.EmitterType, warning.EventName, warning.Count, warning.MaxListeners));
        Assert.Equal(13, emitter.ListenerCount("leaky"));
    }

    [Fact]
    public void Zero_is_unlimited_and_the_instance_setting_overrides_the_default()
    {
        // E4
        var previous = EventEmitter.DefaultMaxListeners;
        try
        {
            EventEmitter.DefaultMaxListeners = 1;
            var unlimited = new EventEmitter { MaxListeners = 0 };
            var byDefault = new EventEmitter();
            Assert.Empty(Capture(unlimited, () => unlimited.On("x", () => { }).On("x", () => { })));
            Assert.Single(Capture(byDefault, () => byDefault.On("x", () => { }).On("x", () => { })));
            Assert.Throws<ArgumentOutOfRangeException>(() => EventEmitter.DefaultMaxListeners = -1);
        }
        finally
        {
            EventEmitter.DefaultMaxListeners = previous;
        }
    }

    private static List<MaxListenersExceededWarning> Capture(EventEmitter emitter, Action action)
    {
        var warnings = new List<MaxListenersExceededWarning>();
        void OnWarning(MaxListenersExceededWarning warning)
        {
            if (ReferenceEquals(warning.Emitter, emitter))
            {
                warnings.Add(warning);
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
