using BenchmarkDotNet.Attributes;

namespace Loopwire.Benchmarks.Emit;

/// <summary>
/// One emit with two int arguments to 0, 1, 2 or 10 listeners: the generated emitter, a hand-written C# event
/// (the baseline) and the plain string-keyed <see cref="EventEmitter"/>; and, as the floor any emitter stands on, a
/// bare loop over an array of the same listeners.
/// </summary>
[MemoryDiagnoser]
public class EmitBenchmarks
{
    private Sink[] _sinks = [];
    private BenchmarkEmitter _generated = null!;
    private HandWrittenEmitter _handWritten = null!;
    private EventEmitter _plain = null!;
    private Action<int, int>[] _bare = [];

    [Params(0, 1, 2, 10)]
    public int Listeners { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _generated = new BenchmarkEmitter();
        _handWritten = new HandWrittenEmitter();
        _plain = new EventEmitter();
        _sinks = new Sink[Listeners];
        _bare = new Action<int, int>[Listeners];
        for (var i = 0; i < Listeners; i++)
        {
            // Distinct subscribers, each with its own state. Listeners that all add to one shared counter would make
            // every emitter wait on that counter's store-to-load chain, which measures the counter, not the emit.
            var sink = _sinks[i] = new Sink();
            _generated.On.Data((a, b) => sink.Add(a, b));
            _handWritten.Data += (a, b) => sink.Add(a, b);
            _plain.On("data", args => sink.AddBoxed(args));
            _bare[i] = (a, b) => sink.Add(a, b);
        }
    }

    [Benchmark]
    public bool Generated() => _generated.Data(1, 2);

    [Benchmark(Baseline = true)]
    public bool HandWrittenEvent() => _handWritten.Raise(1, 2);

    /// <summary>What no emitter can beat: the calls alone, with no snapshot for listeners that change the set (E1).</summary>
    [Benchmark]
    public bool BareDelegateLoop()
    {
        foreach (var listener in _bare)
        {
            listener(1, 2);
        }

        return _bare.Length != 0;
    }

    [Benchmark]
    public bool PlainEventEmitter() => _plain.Emit("data", 1, 2);
}
