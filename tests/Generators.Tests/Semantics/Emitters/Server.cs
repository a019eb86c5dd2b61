namespace Loopwire.Generators.Tests.Semantics.Emitters;

/// <summary>The emitter most semantics tests use: payloads of arity 0, 1 and 2, and an exception-carrying error.</summary>
[EventEmitter]
public partial class Server
{
    [Event]
    public partial bool Connection(string id);

    [Event]
    public partial bool Data(int first, int second);

    [Event]
    public partial bool Error(Exception error);

    [Event("ping")]
    public partial void Ping();
}
