using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.Blocking;

/// <summary>A call that blocks: the member called and the alternative its <c>[Blocking]</c> attribute names, if any.</summary>
internal readonly struct BlockingCall
{
    public BlockingCall(ISymbol member, string? alternative)
    {
        Member = member;
        Alternative = alternative;
    }

    public ISymbol Member { get; }

    /// <summary>The member named by <c>[Blocking("...")]</c>, or null.</summary>
    public string? Alternative { get; }
}
