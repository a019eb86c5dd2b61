namespace Loopwire.Generators;

/// <summary>The names generated code adds to an emitter class and to its nested surface types.</summary>
internal static class GeneratedNames
{
    public const string Registrar = "ListenerRegistrar";
    public const string Views = "ListenerViews";
    public const string Waiters = "EventWaiters";
    public const string Streams = "EventStreams";

    /// <summary>Members generated on the emitter class: a user member with one of these names would clash.</summary>
    public static readonly string[] EmitterMembers =
    [
        "On", "Once", "Prepend", "PrependOnce", "Off", "Listeners", "Next", "Events",
        "MaxListeners", "CaptureRejections",
        "AddListener", "AddOnceListener", "PrependListener", "PrependOnceListener", "RemoveListener", "RemoveAllListeners",
        "Emit", "EventNames", "ListenerCount", "GetListeners", "GetRawListeners",
        Registrar, Views, Waiters, Streams,
    ];

    /// <summary>Members of the nested surface types that an event method's name must not repeat.</summary>
    public static readonly string[] SurfaceMembers =
        ["NewListener", "RemoveListener", "ErrorMonitor", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize"];

    /// <summary>The prefix, in any case, of the emitter's generated private members (<c>__loopwire_Data</c>, <c>__LoopwireFind</c>).</summary>
    public const string PrivatePrefix = "__loopwire";

    // The method name may be an escaped keyword (@event); the field name must not carry the @.
    public const string ErrorMonitor = "ErrorMonitor";

    public static string ListField(string methodName) => PrivatePrefix + "_" + methodName.TrimStart('@');
}
