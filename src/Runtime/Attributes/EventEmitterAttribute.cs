namespace Loopwire;

/// <summary>
/// Marks a partial class whose <see cref="EventAttribute"/> methods the Loopwire generator turns into a typed,
/// allocation-free event emitter with Node's EventEmitter semantics.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventEmitterAttribute : Attribute
{
}
