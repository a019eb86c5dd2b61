using Microsoft.CodeAnalysis;

namespace Loopwire.Generators;

/// <summary>
/// The generators' diagnostics: the emitter generator's LW2001–LW2014 and the loop-callback wiring's LW3001–LW3011. Each has
/// a page under docs/rules.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string EmittersCategory = "Loopwire.Emitters";
    private const string WiringCategory = "Loopwire.Wiring";

    public static readonly DiagnosticDescriptor NotPartial = Create(
        "LW2001",
        "Event emitter must be partial",
        "'{0}' must be declared partial for Loopwire to generate its emitter{1}");

    public static readonly DiagnosticDescriptor NotAClass = Create(
        "LW2002",
        "Event emitter must be a non-static, non-file-local class",
        "'{0}' is {1}; [EventEmitter] needs a non-static class, not file-local, since listeners live on the instance and the generated half is another file");

    public static readonly DiagnosticDescriptor NotPartialDefinition = Create(
        "LW2003",
        "Event must be a partial method without a body",
        "Event '{0}' must be a partial method declaration without a body and not extern; Loopwire generates the body that emits");

    public static readonly DiagnosticDescriptor GenericEvent = Create(
        "LW2004",
        "Event method cannot be generic",
        "Event '{0}' cannot have type parameters; listeners need one payload type");

    public static readonly DiagnosticDescriptor ByRefParameter = Create(
        "LW2005",
        "Event parameter cannot be ref, out or in",
        "Parameter '{0}' of event '{1}' is passed by reference; a payload is passed to each listener by value");

    public static readonly DiagnosticDescriptor RefStructPayload = Create(
        "LW2006",
        "Event payload cannot be a ref struct or pointer",
        "Parameter '{0}' of event '{1}' has type '{2}', which cannot be a delegate type argument; use ReadOnlyMemory<T> or an array instead of a span");

    public static readonly DiagnosticDescriptor BadReturnType = Create(
        "LW2007",
        "Event must return void or bool",
        "Event '{0}' returns '{1}'; an emit returns void or bool (whether there were listeners)");

    public static readonly DiagnosticDescriptor DuplicateEvent = Create(
        "LW2008",
        "Duplicate event name",
        "Event '{0}' uses the {1} '{2}', already used by {3}");

    public static readonly DiagnosticDescriptor InvalidWireName = Create(
        "LW2009",
        "Invalid event name",
        "Event '{0}' has the invalid name \"{1}\"; a name must be non-empty, with no leading or trailing whitespace and no control characters");

    public static readonly DiagnosticDescriptor MemberCollision = Create(
        "LW2010",
        "Name collides with a generated member",
        "{0} collides with {1}; rename it");

    public static readonly DiagnosticDescriptor StaticEvent = Create(
        "LW2011",
        "Event method cannot be static",
        "Event '{0}' is static; listeners live on the emitter instance");

    public static readonly DiagnosticDescriptor InaccessiblePayload = Create(
        "LW2012",
        "Event payload is less accessible than the emitter",
        "Parameter '{0}' of event '{1}' has type '{2}', which is less accessible than '{3}'; the generated On/Once/Off members would not compile");

    public static readonly DiagnosticDescriptor EventOutsideEmitter = Create(
        "LW2013",
        "Event declared outside an event emitter",
        "Event '{0}' is declared in '{1}', which is not marked [EventEmitter]; nothing will emit it");

    public static readonly DiagnosticDescriptor TooManyParameters = Create(
        "LW2014",
        "Event has too many parameters",
        "Event '{0}' has {1} parameters; an event takes at most 16, the largest Action");

    public static readonly DiagnosticDescriptor WiringNotPartial = CreateWiring(
        "LW3001",
        "Class with loop callbacks must be partial",
        "'{0}' must be declared partial for Loopwire to wire its loop callbacks{1}");

    public static readonly DiagnosticDescriptor WiringNotAClass = CreateWiring(
        "LW3002",
        "Loop callbacks must be declared in a non-static, non-file-local class",
        "'{0}' is {1}; loop callbacks need a non-static class, not file-local, whose instance Attach wires to a loop");

    public static readonly DiagnosticDescriptor CallbackNotInstanceMethod = CreateWiring(
        "LW3003",
        "Loop callback must be a non-generic instance method",
        "'{0}' is {1}; a loop callback must be a non-generic instance method of its class, called on the instance Attach wires");

    public static readonly DiagnosticDescriptor BadPhaseCallback = CreateWiring(
        "LW3004",
        "Phase callback must take no parameters and return void",
        "[{1}] method '{0}' must take no parameters and return void; the loop calls it with nothing and ignores any result");

    public static readonly DiagnosticDescriptor BadInterval = CreateWiring(
        "LW3005",
        "Interval must be at least 1 millisecond",
        "[OnInterval({1})] on '{0}' has a period below 1 millisecond; give the period in milliseconds, 1 or more");

    public static readonly DiagnosticDescriptor UnknownEvent = CreateWiring(
        "LW3006",
        "Unknown event",
        "'{0}' has no event named \"{1}\"; its events are {2}");

    public static readonly DiagnosticDescriptor HandlerMismatch = CreateWiring(
        "LW3007",
        "Event handler does not match the event's payload",
        "'{0}' cannot listen to event \"{1}\" of '{2}': a listener takes ({3}) and returns void or Task");

    public static readonly DiagnosticDescriptor NotAnEmitter = CreateWiring(
        "LW3008",
        "OnEvent type is not an event emitter",
        "'{0}' is not an [EventEmitter] class; [OnEvent<T>] subscribes to the events Loopwire generates for an emitter");

    public static readonly DiagnosticDescriptor WiringInaccessible = CreateWiring(
        "LW3009",
        "Type is not accessible to the generated Attach method",
        "'{0}' is {1}, so the generated Attach extension method cannot name it; make it internal or public");

    public static readonly DiagnosticDescriptor InheritedCallbacks = CreateWiring(
        "LW3010",
        "Loop callbacks declared in a class and its base",
        "'{0}' has loop callbacks and so does its base class '{1}'; Attach wires one class's callbacks, so declare them in one class of the hierarchy");

    public static readonly DiagnosticDescriptor WiringMemberCollision = CreateWiring(
        "LW3011",
        "Name collides with a generated wiring member",
        "'{0}' collides with the '{1}' prefix Loopwire keeps for the members it generates on '{2}'; rename it");

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        Create(id, title, message, EmittersCategory);

    private static DiagnosticDescriptor CreateWiring(string id, string title, string message) =>
        Create(id, title, message, WiringCategory);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: $"https://github.com/loopwire/loopwire/blob/main/docs/rules/{id}.md");
}
