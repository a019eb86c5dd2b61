namespace Loopwire.Benchmarks.Emit;

/// <summary>The generated emitter measured: one event with two int arguments.</summary>
[EventEmitter]
public sealed partial class BenchmarkEmitter
{
    [Event]
    public partial bool Data(int first, int second);
}
