namespace Loopwire.Events;

/// <summary>Checks used by the string-keyed surface of generated emitters; failures are clear exceptions.</summary>
public static class EmitterArguments
{
    /// <summary>Checks that <paramref name="args"/> holds exactly the event's payload count.</summary>
    /// <param name="args">The arguments passed to <c>Emit</c>.</param>
    /// <param name="count">The event's payload count.</param>
    /// <param name="eventName">The event's wire name.</param>
    /// <param name="signature">The payload as declared, e.g. <c>(int a, string b)</c>.</param>
    public static void ExpectCount(object?[] args, int count, string eventName, string signature)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != count)
        {
            throw new ArgumentException($"Event '{eventName}' takes {count} argument(s) {signature}, not {args.Length}.", nameof(args));
        }
    }

    /// <summary>Converts one <c>Emit</c> argument to the payload type.</summary>
    /// <typeparam name="T">The declared payload type.</typeparam>
    /// <param name="args">The arguments passed to <c>Emit</c>.</param>
    /// <param name="index">The argument's position.</param>
    /// <param name="eventName">The event's wire name.</param>
    /// <returns>The argument as <typeparamref name="T"/>.</returns>
    public static T Get<T>(object?[] args, int index, string eventName)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args[index] switch
        {
            T value => value,
            null when default(T) is null => default!,
            var other => throw new ArgumentException(
                $"Argument {index} of event '{eventName}' must be {DisplayName(typeof(T))}, not {(other is null ? "null" : DisplayName(other.GetType()))}.", nameof(args)),
        };
    }

    /// <summary>The exception for a listener of the wrong delegate type.</summary>
    /// <param name="eventName">The event's wire name.</param>
    /// <param name="expected">The accepted delegate types.</param>
    /// <param name="listener">The listener passed.</param>
    /// <returns>The exception to throw.</returns>
    public static ArgumentException WrongListener(string eventName, string expected, Delegate? listener)
    {
        if (listener is null)
        {
            return new ArgumentNullException(nameof(listener));
        }

        return new ArgumentException($"Event '{eventName}' expects a listener of type {expected}, not {DisplayName(listener.GetType())}.", nameof(listener));
    }

    /// <summary>The exception for an event name the emitter does not declare.</summary>
    /// <param name="eventName">The name passed.</param>
    /// <param name="emitterType">The emitter's type name.</param>
    /// <param name="known">The emitter's event names.</param>
    /// <returns>The exception to throw.</returns>
    public static ArgumentException UnknownEvent(string? eventName, string emitterType, string known)
    {
        if (eventName is null)
        {
            return new ArgumentNullException(nameof(eventName));
        }

        return new ArgumentException($"{emitterType} has no event '{eventName}'; its events are: {known}.", nameof(eventName));
    }

    // Action<String, Int32> rather than Action`2, so that the message reads like the declaration.
    private static string DisplayName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var arguments = type.GetGenericArguments().Select(DisplayName);
        return $"{(tick < 0 ? name : name[..tick])}<{string.Join(", ", arguments)}>";
    }
}
