namespace Loopwire.Generators.Tests.Semantics.Emitters;

/// <summary>An emitter whose error event carries a string, not an exception (E2), and events with Node's special names.</summary>
[EventEmitter]
public partial class Messenger
{
    [Event]
    public partial bool Error(string message);

    [Event("__proto__")]
    public partial bool Proto(int value);

    [Event("toString")]
    public partial bool ToStringEvent();

    [Event("constructor")]
    public partial bool Constructor();
}
