using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.Emit;

/// <summary>10M emits of an event with two int arguments to two listeners; Node's twin is node/emit.js.</summary>
public sealed class EmitScenario : CompareScenario
{
    private const int Emits = 10_000_000;

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
        var emitter = _emitter;
        for (var i = 0; i < Emits; i++)
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
            var emitter = _emitter;
            for (var i = 0; i < Emits; i++)
            {
                emitter.Raise(i, i);
            }
        }
    }
}
