namespace Loopwire.Samples.Heartbeat;

/// <summary>An emitter with one event: somebody came in.</summary>
[EventEmitter]
public sealed partial class Door
{
    /// <summary>Emits <c>opened</c>.</summary>
    [Event]
    public partial void Opened(string visitor);
}
