using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>
/// One rule that depends on where code runs (LW1001–LW1004, LW1006). <see cref="LoopThreadAnalyzer"/> shows it
/// every invocation, object creation, property reference and lock; the rule records candidate sites, and the
/// analyzer reports those whose body turns out to be loop code (or pool code, for <see cref="ChecksPoolCode"/>)
/// once the compilation's call graph is complete.
/// </summary>
internal abstract class LoopRule
{
    private readonly LoopSiteCollector sites;

    protected LoopRule(LoopSiteCollector sites) => this.sites = sites;

    public abstract DiagnosticDescriptor Descriptor { get; }

    /// <summary>True for LW1003, which looks at code reached from pool roots instead of loop roots.</summary>
    public virtual bool ChecksPoolCode => false;

    public IEnumerable<LoopSite> Sites => sites.Sites;

    public abstract void Inspect(in OperationAnalysisContext context);

    /// <summary>Records a site whose subject is a fixed text, such as "lock".</summary>
    protected void AddSite(in OperationAnalysisContext context, Location location, string subject) =>
        sites.Add(context, location, new LoopSiteSubject(member: null, subject), suffix: null, properties: null);

    /// <summary>Records a site whose subject is <paramref name="member"/>, named only if the site is reported.</summary>
    protected void AddSite(in OperationAnalysisContext context, Location location, ISymbol member, string? suffix = null, ImmutableDictionary<string, string?>? properties = null) =>
        sites.Add(context, location, new LoopSiteSubject(member, text: null), suffix, properties);

    /// <summary>A loop rule's descriptor: reported at the compilation end, when every caller is known.</summary>
    protected static DiagnosticDescriptor CreateDescriptor(string id, string title, string message, DiagnosticSeverity severity, string description, bool isEnabledByDefault = true) =>
        new(
            id,
            title,
            message,
            RuleIdentifiers.LoopThreadCategory,
            severity,
            isEnabledByDefault,
            description,
            RuleIdentifiers.GetHelpUri(id),
            WellKnownDiagnosticTags.CompilationEnd);
}
