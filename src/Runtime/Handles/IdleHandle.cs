using Loopwire.Internal;

namespace Loopwire;

/// <summary>Runs a callback in the idle phase of every iteration, before prepare handles; while one is active the poll does not block (L4).</summary>
public sealed class IdleHandle : PhaseHandle
{
    /// <summary>Creates a stopped idle handle on <paramref name="loop"/>; call <see cref="PhaseHandle.Start(Action)"/> to run it.</summary>
    /// <param name="loop">The loop, on its own thread.</param>
    public IdleHandle(EventLoop loop)
        : base(loop)
    {
    }

    private protected override PhaseHandleList List => Loop.IdleHandles;
}
