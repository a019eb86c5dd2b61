namespace Loopwire.Generators.Models;

/// <summary>The attribute that declared a <see cref="LoopCallbackModel"/>, and so the handle that calls it.</summary>
internal enum LoopCallbackKind
{
    /// <summary><c>[OnInterval]</c>: a repeating timer.</summary>
    Interval,

    /// <summary><c>[OnPrepare]</c>: a prepare handle.</summary>
    Prepare,

    /// <summary><c>[OnIdle]</c>: an idle handle.</summary>
    Idle,

    /// <summary><c>[OnCheck]</c>: a check handle.</summary>
    Check,

    /// <summary><c>[OnSignal]</c>: a signal handle.</summary>
    Signal,
}
