using System.Text;
using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>
/// The compilation's call graph with the units reachable from loop roots and from pool roots, each found by one
/// breadth-first walk (so recursion terminates and every chain is a shortest one).
/// </summary>
/// <remarks>
/// Built once per compilation from every call into source, so it is laid out for that size: units are numbered,
/// each unit's calls are one slice of a single array, and a walk is a few integer arrays. Lists and dictionaries
/// per unit would cost most of the analyzer's time in growing, copying and hashing.
/// </remarks>
internal sealed class CallGraph
{
    private const int Unreached = -2;
    private const int Root = -1;

    private readonly (CodeUnit From, CodeUnit To, IMethodSymbol Callee)[] calls;
    private readonly CallGraphRoot[] roots;
    private readonly Dictionary<CodeUnit, int> unitNumbers = new();
    private readonly Walk loopWalk;
    private readonly Walk poolWalk;

    /// <param name="calls">Every call into source.</param>
    /// <param name="roots">The loop and pool roots.</param>
    /// <param name="isAnyThread">
    /// Whether a callee is marked <c>[AnyThread]</c>: the pool walk does not follow calls into it, whose body its author
    /// vouches for from any thread; the loop walk does, since a blocking call blocks the loop wherever it sits.
    /// </param>
    /// <param name="cancellationToken">Cancels the walks.</param>
    public CallGraph((CodeUnit From, CodeUnit To, IMethodSymbol Callee)[] calls, CallGraphRoot[] roots, Func<IMethodSymbol, bool> isAnyThread, CancellationToken cancellationToken)
    {
        this.calls = calls;
        this.roots = roots;

        var callers = new int[calls.Length];
        var callees = new int[calls.Length];
        var intoAnyThread = new bool[calls.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            callers[i] = Number(calls[i].From);
            callees[i] = Number(calls[i].To);
            intoAnyThread[i] = isAnyThread(calls[i].Callee);
        }

        var rootUnits = new int[roots.Length];
        for (var i = 0; i < roots.Length; i++)
            rootUnits[i] = Number(roots[i].Unit);

        var graph = new Adjacency(unitNumbers.Count, callers, callees);
        loopWalk = new Walk(graph, rootUnits, roots, isPool: false, skipped: null, cancellationToken);
        poolWalk = new Walk(graph, rootUnits, roots, isPool: true, skipped: intoAnyThread, cancellationToken);
    }

    /// <summary>
    /// Finds whether <paramref name="unit"/> runs on the loop thread (or, with <paramref name="fromPool"/>, on a pool
    /// thread) and names the shortest chain that proves it, from the root to <paramref name="unit"/>.
    /// </summary>
    public bool TryGetChain(CodeUnit unit, bool fromPool, out string chain)
    {
        var walk = fromPool ? poolWalk : loopWalk;
        if (unit.IsDefault || !unitNumbers.TryGetValue(unit, out var number) || walk.Previous[number] == Unreached)
        {
            chain = string.Empty;
            return false;
        }

        var links = new List<string>();
        for (; number != Root; number = walk.Previous[number])
        {
            var previous = walk.Previous[number];
            var via = walk.Via[number];
            links.Add(previous == Root ? CodeUnitNames.Describe(roots[via]) : CodeUnitNames.Describe(calls[via].Callee));
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

    private int Number(CodeUnit unit)
    {
        if (!unitNumbers.TryGetValue(unit, out var number))
            unitNumbers.Add(unit, number = unitNumbers.Count);
        return number;
    }

    /// <summary>Each unit's calls, in the order they were collected: <c>Calls[First[u]..First[u + 1]]</c>.</summary>
    private sealed class Adjacency
    {
        public Adjacency(int unitCount, int[] callers, int[] callees)
        {
            Callees = callees;
            First = new int[unitCount + 1];
            foreach (var caller in callers)
                First[caller + 1]++;
            for (var u = 0; u < unitCount; u++)
                First[u + 1] += First[u];

            Calls = new int[callers.Length];
            var next = (int[])First.Clone();
            for (var call = 0; call < callers.Length; call++)
                Calls[next[callers[call]]++] = call;
        }

        public int[] First { get; }

        /// <summary>Call indices grouped by calling unit.</summary>
        public int[] Calls { get; }

        /// <summary>The called unit of each call index.</summary>
        public int[] Callees { get; }
    }

    /// <summary>
    /// One breadth-first walk from the loop (or pool) roots: for each unit, the unit it was reached from (or
    /// <see cref="Root"/>, or <see cref="Unreached"/>) and the call index (or root index) that reached it. Calls
    /// marked in <c>skipped</c> are not followed.
    /// </summary>
    private sealed class Walk
    {
        public Walk(Adjacency graph, int[] rootUnits, CallGraphRoot[] roots, bool isPool, bool[]? skipped, CancellationToken cancellationToken)
        {
            var unitCount = graph.First.Length - 1;
            Previous = new int[unitCount];
            Via = new int[unitCount];
            for (var u = 0; u < unitCount; u++)
                Previous[u] = Unreached;

            // Each unit is queued at most once, so the queue is an array the size of the graph.
            var queue = new int[unitCount];
            var tail = 0;
            for (var r = 0; r < roots.Length; r++)
            {
                var unit = rootUnits[r];
                if (roots[r].IsPool == isPool && Previous[unit] == Unreached)
                {
                    Previous[unit] = Root;
                    Via[unit] = r;
                    queue[tail++] = unit;
                }
            }

            for (var head = 0; head < tail; head++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var unit = queue[head];
                for (var k = graph.First[unit]; k < graph.First[unit + 1]; k++)
                {
                    var call = graph.Calls[k];
                    var callee = graph.Callees[call];
                    if (Previous[callee] != Unreached || (skipped is not null && skipped[call]))
                        continue;
                    Previous[callee] = unit;
                    Via[callee] = call;
                    queue[tail++] = callee;
                }
            }
        }

        public int[] Previous { get; }

        public int[] Via { get; }
    }
}
