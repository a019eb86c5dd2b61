using Loopwire.Analyzers.LoopCode;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Loopwire.Analyzers.Rules;

/// <summary>
/// LW1006 (opt-in): <c>lock</c> or <c>Monitor.Enter</c> on the loop thread. Waiting for a lock held by a pool
/// thread blocks the loop; state owned by the loop needs no lock. Off by default because short, uncontended locks
/// shared with other threads are often deliberate.
/// </summary>
internal sealed class LockOnLoopRule : LoopRule
{
    public static readonly DiagnosticDescriptor Rule = CreateDescriptor(
        RuleIdentifiers.LockOnLoop,
        title: "Lock taken on the loop thread",
        message: "'{0}' can block the loop thread while another thread holds the lock, reached from {1}",
        DiagnosticSeverity.Info,
        description: "A contended lock blocks the loop thread. Keep loop state on the loop and hand results over with EventLoop.Post instead of sharing it under a lock.",
        isEnabledByDefault: false);

    private readonly LoopSymbols symbols;

    public LockOnLoopRule(LoopSymbols symbols, LoopSiteCollector sites)
        : base(sites) => this.symbols = symbols;

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Inspect(in OperationAnalysisContext context)
    {
        switch (context.Operation)
        {
            case ILockOperation { Syntax: LockStatementSyntax statement }:
                AddSite(context, statement.LockKeyword.GetLocation(), "lock");
                break;
            case IInvocationOperation invocation when IsBlockingEnter(invocation):
                AddSite(context, invocation.Syntax.GetLocation(), invocation.TargetMethod);
                break;
        }
    }

    /// <summary><c>Monitor.Enter</c>, and <c>Monitor.TryEnter</c> with a timeout other than zero.</summary>
    private bool IsBlockingEnter(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Monitor))
            return false;
        if (method.Name == "Enter")
            return true;
        if (method.Name != "TryEnter")
            return false;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name is "millisecondsTimeout" or "timeout")
                return argument.Value.ConstantValue is not { HasValue: true, Value: 0 };
        }

        return false;
    }
}
