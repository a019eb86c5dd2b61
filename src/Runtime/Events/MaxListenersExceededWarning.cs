namespace Loopwire.Events;

/// <summary>The leak warning raised once per event when its listener count exceeds the maximum (E4).</summary>
/// <param name="Emitter">The emitter the listeners were added to.</param>
/// <param name="EmitterType">The emitter's type name.</param>
/// <param name="EventName">The event's wire name.</param>
/// <param name="Count">The listener count that crossed the maximum.</param>
/// <param name="MaxListeners">The maximum in force.</param>
public sealed record MaxListenersExceededWarning(object Emitter, string EmitterType, string EventName, int Count, int MaxListeners)
{
    /// <summary>The warning's text, worded as Node's <c>MaxListenersExceededWarning</c>.</summary>
    public string Message =>
        $"Possible EventEmitter memory leak detected. {Count} {EventName} listeners added to [{EmitterType}]. " +
        $"MaxListeners is {MaxListeners}. Use MaxListeners to increase the limit.";
}
