namespace Loopwire.Events;

/// <summary>
/// The identity and fired flag of one once-registration. A reference, so that an emit holding an old snapshot
/// still sees that a nested emit already fired it (Node's <c>onceWrapper.fired</c>).
/// </summary>
internal sealed class OnceState
{
    public bool Fired;
}
