using Loopwire.Generators.Tests.Semantics.Emitters;

namespace Loopwire.Generators.Tests.Semantics.Wired;

/// <summary>A wired class that only counts, so that measuring its calls measures the wiring alone.</summary>
public sealed partial class PhaseCounter
{
    public int Calls { get; private set; }

    [OnIdle]
    private void WhenIdle() => Calls++;

    [OnPrepare]
    private void BeforePoll() => Calls++;

    [OnCheck]
    private void AfterPoll() => Calls++;

    [OnEvent<Server>("data")]
    private void Received(int first, int second) => Calls += first + second;
}
