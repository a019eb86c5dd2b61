using System.Text;
using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>
/// The compilation's call graph with the units reachable from loop roots and from pool roots, each found by one
/// breadth-first walk (so recursion terminates and every chain is a shortest one).
/// </summary>
internal sealed class CallGraph
{
    private readonly Dictionary<CodeUnit, Reach> loopReach;
    private readonly Dictionary<CodeUnit, Reach> poolReach;

    public CallGraph(
        IEnumerable<(CodeUnit From, CodeUnit To, IMethodSymbol Callee)> calls,
        IEnumerable<CallGraphRoot> roots,
        CancellationToken cancellationToken)
    {
        var callees = new Dictionary<CodeUnit, List<(CodeUnit To, IMethodSymbol Callee)>>();
        foreach (var (from, to, callee) in calls)
        {
            if (!callees.TryGetValue(from, out var list))
                callees.Add(from, list = []);
            list.Add((to, callee));
        }

        loopReach = Walk(callees, roots.Where(root => !root.IsPool), cancellationToken);
        poolReach = Walk(callees, roots.Where(root => root.IsPool), cancellationToken);
    }

    /// <summary>
    /// Finds whether <paramref name="unit"/> runs on the loop thread (or, with <paramref name="fromPool"/>, on a pool
    /// thread) and names the shortest chain that proves it, ending with <paramref name="subject"/>.
    /// </summary>
    public bool TryGetChain(CodeUnit unit, bool fromPool, string subject, out string chain)
    {
        var reach = fromPool ? poolReach : loopReach;
        if (unit.IsDefault || !reach.TryGetValue(unit, out var step))
        {
            chain = string.Empty;
            return false;
        }

        var links = new List<string> { subject };
        while (true)
        {
            links.Add(step.Name);
            if (step.Previous.IsDefault)
                break;
            step = reach[step.Previous];
        }

        var builder = new StringBuilder();
        for (var i = links.Count - 1; i >= 0; i--)
        {
            builder.Append(links[i]);
            if (i > 0)
                builder.Append(" → ");
        }

        chain = builder.ToString();
        return true;
    }

    private static Dictionary<CodeUnit, Reach> Walk(
        Dictionary<CodeUnit, List<(CodeUnit To, IMethodSymbol Callee)>> callees,
        IEnumerable<CallGraphRoot> roots,
        CancellationToken cancellationToken)
    {
        var reach = new Dictionary<CodeUnit, Reach>();
        var queue = new Queue<CodeUnit>();
        foreach (var root in roots)
        {
            if (!reach.ContainsKey(root.Unit))
            {
                reach.Add(root.Unit, new Reach(default, callee: null, root));
                queue.Enqueue(root.Unit);
            }
        }

        while (queue.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var unit = queue.Dequeue();
            if (!callees.TryGetValue(unit, out var list))
                continue;
            foreach (var (to, callee) in list)
            {
                if (reach.ContainsKey(to))
                    continue;
                reach.Add(to, new Reach(unit, callee, default));
                queue.Enqueue(to);
            }
        }

        return reach;
    }

    /// <summary>How a unit was reached: from the unit that calls it, or as a root when that is default.</summary>
    private readonly struct Reach
    {
        private readonly IMethodSymbol? callee;
        private readonly CallGraphRoot root;

        public Reach(CodeUnit previous, IMethodSymbol? callee, CallGraphRoot root)
        {
            Previous = previous;
            this.callee = callee;
            this.root = root;
        }

        public CodeUnit Previous { get; }

        /// <summary>The unit's name in a chain, built only for the chains that are reported.</summary>
        public string Name => callee is null ? CodeUnitNames.Describe(root) : CodeUnitNames.Describe(callee);
    }
}
