namespace Loopwire;

/// <summary>How long <see cref="EventLoop.Run"/> runs (L13).</summary>
public enum RunMode
{
    /// <summary>Runs until the loop is no longer alive or <see cref="EventLoop.Stop"/> is called.</summary>
    Default,

    /// <summary>Runs one iteration, blocking in the poll phase if there is nothing to do yet.</summary>
    Once,

    /// <summary>Runs one iteration without blocking.</summary>
    NoWait,
}
