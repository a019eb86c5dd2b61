using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>Gathers one rule's candidate sites from the concurrent body walks.</summary>
internal sealed class LoopSiteCollector
{
    public ConcurrentQueue<LoopSite> Sites { get; } = new();

    public void Add(CodeUnit unit, Location location, string subject, string? suffix = null, ImmutableDictionary<string, string?>? properties = null)
    {
        if (!unit.IsDefault)
            Sites.Enqueue(new LoopSite(unit, location, subject, suffix, properties));
    }
}
