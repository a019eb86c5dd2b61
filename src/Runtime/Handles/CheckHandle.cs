using Loopwire.Internal;

namespace Loopwire;

/// <summary>Runs a callback in the check phase of every iteration, right after the loop polls for I/O (where immediates run too).</summary>
public sealed class CheckHandle : PhaseHandle
{
    /// <summary>Creates a stopped check handle on <paramref name="loop"/>; call <see cref="PhaseHandle.Start(Action)"/> to run it.</summary>
    /// <param name="loop">The loop, on its own thread.</param>
    public CheckHandle(EventLoop loop)
        : base(loop)
    {
    }

    private protected override PhaseHandleList List => Loop.CheckHandles;
}
