using Loopwire.Generators.Tests.Semantics.Emitters;

namespace Loopwire.Generators.Tests.Semantics.Wired;

/// <summary>A class wired by attributes: records which of its private callbacks the loop called, in order.</summary>
public sealed partial class PhaseRecorder
{
    public List<string> Calls { get; } = [];

    [OnIdle]
    private void WhenIdle() => Calls.Add("idle");

    [OnPrepare]
    private void BeforePoll() => Calls.Add("prepare");

    [OnCheck]
    private void AfterPoll() => Calls.Add("check");

    [OnEvent<Server>("connection")]
    private void Accept(string id) => Calls.Add("connection " + id);

    [OnEvent<Server>("data")]
    private Task Received(int first, int second)
    {
        Calls.Add($"data {first + second}");
        return Task.CompletedTask;
    }
}
