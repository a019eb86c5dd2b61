using BenchmarkDotNet.Attributes;

namespace Loopwire.Benchmarks.Emit;

/// <summary>
/// One emit with two int arguments to 0, 1, 2 or 10 listeners: the generated emitter, a hand-written C# event
/// (the baseline) and the plain string-keyed <see cref="EventEmitter"/>.
/// </summary>
[MemoryDiagnoser]
public class EmitBenchmarks
{
    private Sink[] _sinks = [];
    private BenchmarkEmitter _generated = null!;
    private HandWrittenEmitter _handWritten = null!;
    private EventEmitter _plain = null!;

    [Params(0, 1, 2, 10)]
    public int Listeners { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _generated = new BenchmarkEmitter();
        _handWritten = new HandWrittenEmitter();
        _plain = new EventEmitter();
        _sinks = new Sink[Listeners];
        for (var i = 0; i < Listeners; i++)
        {
            // Distinct subscribers, each with its own state. Listeners that all add to one shared counter would make
            // every emitter wait on that counter's store-to-load chain, which measures the counter, not the emit.
            var sink = _sinks[i] = new Sink();
            _generated.On.Data((a, b) => sink.Add(a, b));
            _handWritten.Data += (a, b) => sink.Add(a, b);
            _plain.On("data", args => sink.AddBoxed(args));
        }
    }

    [Benchmark]
    public bool Generated() => _generated.Data(1, 2);

    [Benchmark(Baseline = true)]
    public bool HandWrittenEvent() => _handWritten.Raise(1, 2);

    [Benchmark]
    public bool PlainEventEmitter() => _plain.Emit("data", 1, 2);
}
