using BenchmarkDotNet.Attributes;

namespace Loopwire.Benchmarks.Emit;

/// <summary>Adding then removing one listener on an event that already has 10.</summary>
[MemoryDiagnoser]
public class SubscribeBenchmarks
{
    private const int Existing = 10;

    private readonly Sink _sink = new();
    private BenchmarkEmitter _generated = null!;
    private HandWrittenEmitter _handWritten = null!;
    private EventEmitter _plain = null!;
    private Action<int, int> _listener = null!;
    private Action<object?[]> _plainListener = null!;

    [GlobalSetup]
    public void Setup()
    {
        _generated = new BenchmarkEmitter();
        _handWritten = new HandWrittenEmitter();
        _plain = new EventEmitter();
        _listener = _sink.Add;
        _plainListener = _sink.AddBoxed;
        for (var i = 0; i < Existing; i++)
        {
            _generated.On.Data(_sink.Add);
            _handWritten.Data += _sink.Add;
            _plain.On("data", _sink.AddBoxed);
        }
    }

    [Benchmark]
    public void Generated() => _generated.On.Data(_listener).Off.Data(_listener);

    [Benchmark(Baseline = true)]
    public void HandWrittenEvent()
    {
        _handWritten.Data += _listener;
        _handWritten.Data -= _listener;
    }

    [Benchmark]
    public void PlainEventEmitter() => _plain.On("data", _plainListener).Off("data", _plainListener);
}
