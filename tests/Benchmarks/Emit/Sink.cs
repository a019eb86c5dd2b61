namespace Loopwire.Benchmarks.Emit;

/// <summary>What the benchmark listeners write to, so that the JIT cannot drop their work.</summary>
public sealed class Sink
{
    public long Total;

    public void Add(int first, int second) => Total += first + second;

    public void AddBoxed(object?[] args) => Total += (int)args[0]! + (int)args[1]!;
}
