namespace Loopwire;

/// <summary>
/// Declares an event on an <see cref="EventEmitterAttribute"/> class: the partial method's parameters are the
/// payload, and calling the method emits the event.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class EventAttribute : Attribute
{
    /// <summary>Declares an event whose wire name is the method name in camelCase.</summary>
    public EventAttribute()
    {
    }

    /// <summary>Declares an event with an explicit wire name, as used by the string-keyed surface.</summary>
    /// <param name="name">The event's wire name, e.g. <c>"data_received"</c>.</param>
    public EventAttribute(string name) => Name = name;

    /// <summary>The wire name given explicitly, or <see langword="null"/> for the camelCase method name.</summary>
    public string? Name { get; }
}
