using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>A candidate diagnostic, reported at the end of the compilation if its unit turns out to be loop (or pool) code.</summary>
internal readonly struct LoopSite
{
    public LoopSite(CodeUnit unit, Location location, LoopSiteSubject subject, string? suffix, ImmutableDictionary<string, string?>? properties)
    {
        Unit = unit;
        Location = location;
        Subject = subject;
        Suffix = suffix;
        Properties = properties;
    }

    public CodeUnit Unit { get; }

    public Location Location { get; }

    /// <summary>What the site does ("File.ReadAllText"), the message's first argument and the chain's last link.</summary>
    public LoopSiteSubject Subject { get; }

    /// <summary>The message's third argument, such as the suggested alternative, for rules whose message has one.</summary>
    public string? Suffix { get; }

    public ImmutableDictionary<string, string?>? Properties { get; }
}
