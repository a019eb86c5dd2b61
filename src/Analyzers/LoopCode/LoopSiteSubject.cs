using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>
/// What a site does: a member, named only when the site is reported (most sites are not loop code, and naming a
/// symbol builds a string), or a fixed text such as "lock".
/// </summary>
internal readonly struct LoopSiteSubject
{
    private readonly ISymbol? member;
    private readonly string? text;

    public LoopSiteSubject(ISymbol? member, string? text)
    {
        this.member = member;
        this.text = text;
    }

    public string Describe() => text ?? CodeUnitNames.Describe(member!);
}
