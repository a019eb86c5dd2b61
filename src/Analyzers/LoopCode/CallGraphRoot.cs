using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>
/// Where inference starts: a member marked with a loop-phase attribute or <c>[LoopThread]</c>, or a delegate passed
/// to a <c>[RunsOnLoop]</c> (loop) or <c>[RunsOnPool]</c>/<c>Task.Run</c> (pool) parameter.
/// </summary>
internal readonly struct CallGraphRoot
{
    public CallGraphRoot(CodeUnit unit, IMethodSymbol function, IMethodSymbol? receivedBy, bool isPool)
    {
        Unit = unit;
        Function = function;
        ReceivedBy = receivedBy;
        IsPool = isPool;
    }

    public CodeUnit Unit { get; }

    /// <summary>The root's own symbol (a member, lambda or local function), named first in the chain.</summary>
    public IMethodSymbol Function { get; }

    /// <summary>The method the delegate was passed to, or null for an attributed member.</summary>
    public IMethodSymbol? ReceivedBy { get; }

    public bool IsPool { get; }
}
