using System.Runtime.InteropServices;

namespace Loopwire.Generators.Tests.Semantics.Wired;

/// <summary>A check callback declared before a signal no platform can watch, so that Attach fails after starting a handle.</summary>
public sealed partial class UnwatchableSignal
{
    [OnCheck]
    private void AfterPoll()
    {
    }

    [OnSignal((PosixSignal)(-1000))]
    private void Never()
    {
    }
}
