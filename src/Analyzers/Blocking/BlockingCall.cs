using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.Blocking;

/// <summary>A call that blocks: the member called, whether it waits on a task (LW1002) and any declared alternative.</summary>
internal readonly struct BlockingCall
{
    public BlockingCall(ISymbol member, bool isTaskWait, string? alternative)
    {
        Member = member;
        IsTaskWait = isTaskWait;
        Alternative = alternative;
    }

    public ISymbol Member { get; }

    public bool IsTaskWait { get; }

    /// <summary>The member named by <c>[Blocking("...")]</c>, or null.</summary>
    public string? Alternative { get; }
}
