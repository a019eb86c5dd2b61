namespace Loopwire;

/// <summary>Subscribes the method to the event <see cref="EventName"/> of an emitter of type <typeparamref name="TEmitter"/>.</summary>
/// <typeparam name="TEmitter">The emitter class.</typeparam>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class OnEventAttribute<TEmitter> : Attribute
    where TEmitter : class
{
    /// <summary>Subscribes the method to <paramref name="eventName"/>.</summary>
    /// <param name="eventName">The event's wire name.</param>
    public OnEventAttribute(string eventName) => EventName = eventName;

    /// <summary>The event's wire name.</summary>
    public string EventName { get; }
}
