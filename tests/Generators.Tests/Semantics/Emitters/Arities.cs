namespace Loopwire.Generators.Tests.Semantics.Emitters;

/// <summary>Payloads from 0 to 9 arguments, value types and memory: what listeners receive is what was emitted.</summary>
[EventEmitter]
internal partial class Arities
{
    [Event]
    public partial bool Zero();

    [Event]
    public partial bool One(int a);

    [Event]
    public partial bool Three(int a, string b, double c);

    [Event]
    public partial bool Eight(int a, int b, int c, int d, int e, int f, int g, int h);

    [Event]
    public partial bool Nine(int a, int b, int c, int d, int e, int f, int g, int h, int i);

    [Event]
    public partial bool Chunk(ReadOnlyMemory<byte> chunk);

    [Event]
    public partial bool Point((int X, int Y) point, DateTime at, decimal amount, Guid id);
}
