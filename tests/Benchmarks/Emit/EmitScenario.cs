using System.Runtime.CompilerServices;
using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.Emit;

/// <summary>10M emits of an event with two int arguments to two listeners; Node's twin is node/emit.js.</summary>
public sealed class EmitScenario : CompareScenario
{
    private const int Emits = 10_000_000;
    private const int Batch = 1_000;

    private readonly Sink _sink = new();
    private readonly BenchmarkEmitter _emitter = new();

    public EmitScenario()
    {
        var sink = _sink;
        _emitter.On.Data((a, b) => sink.Add(a, b)).On.Data((a, b) => sink.Add(b, a));
    }

    public override string Name => "emit";

    public override string NodeScript => "emit.js";

    public override long Operations => Emits;

    public override CompareScenario? Baseline => new HandWrittenEventScenario();

    public override void Run()
    {
        for (var start = 0; start < Emits; start += Batch)
        {
            EmitBatch(start);
        }
    }

    // Emits come from a method called many times, as from an application's callbacks, so that it is compiled
    // with the profile of the emits it makes rather than once, on the fly, by on-stack replacement.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EmitBatch(int start)
    {
        var emitter = _emitter;
        for (var i = start; i < start + Batch; i++)
        {
            emitter.Data(i, i);
        }
    }

    /// <summary>The same workload through a hand-written C# event, reported beside the emit for scale.</summary>
    private sealed class HandWrittenEventScenario : CompareScenario
    {
        private readonly Sink _sink = new();
        private readonly HandWrittenEmitter _emitter = new();

        public HandWrittenEventScenario()
        {
            var sink = _sink;
            _emitter.Data += (a, b) => sink.Add(a, b);
            _emitter.Data += (a, b) => sink.Add(b, a);
        }

        public override string Name => "csharp-event";

        public override string NodeScript => "";

        public override long Operations => Emits;

        public override void Run()
        {
            for (var start = 0; start < Emits; start += Batch)
            {
                RaiseBatch(start);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void RaiseBatch(int start)
        {
            var emitter = _emitter;
            for (var i = start; i < start + Batch; i++)
            {
                emitter.Raise(i, i);
            }
        }
    }
}
