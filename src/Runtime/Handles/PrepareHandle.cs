using Loopwire.Internal;

namespace Loopwire;

/// <summary>Runs a callback in the prepare phase of every iteration, right before the loop polls for I/O.</summary>
public sealed class PrepareHandle : PhaseHandle
{
    /// <summary>Creates a stopped prepare handle on <paramref name="loop"/>; call <see cref="PhaseHandle.Start(Action)"/> to run it.</summary>
    /// <param name="loop">The loop, on its own thread.</param>
    public PrepareHandle(EventLoop loop)
        : base(loop)
    {
    }

    private protected override PhaseHandleList List => Loop.PrepareHandles;
}
