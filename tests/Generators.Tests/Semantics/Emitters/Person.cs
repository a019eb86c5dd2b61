namespace Loopwire.Generators.Tests.Semantics.Emitters;

/// <summary>A record emitter with a bool-less event.</summary>
[EventEmitter]
public partial record Person(string Name)
{
    [Event]
    internal partial void Renamed(string from, string to);
}
