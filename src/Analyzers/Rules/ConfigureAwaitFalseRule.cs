using Loopwire.Analyzers.LoopCode;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Loopwire.Analyzers.Rules;

/// <summary>
/// LW1004: <c>ConfigureAwait(false)</c> in loop code. The continuation then runs on a pool thread, where touching
/// loop state is a race and loop APIs throw.
/// </summary>
internal sealed class ConfigureAwaitFalseRule : LoopRule
{
    public static readonly DiagnosticDescriptor Rule = CreateDescriptor(
        RuleIdentifiers.ConfigureAwaitFalse,
        title: "ConfigureAwait(false) in loop code",
        message: "'{0}' resumes on a pool thread, so the code after this await leaves the loop thread, reached from {1}; remove it",
        DiagnosticSeverity.Warning,
        description: "The loop's synchronization context brings continuations back to the loop thread; ConfigureAwait(false) opts out of it, and the rest of the method then races with the loop.");

    /// <summary><c>ConfigureAwaitOptions.ContinueOnCapturedContext</c>: without it the continuation leaves the loop.</summary>
    private const int ContinueOnCapturedContext = 1;

    public ConfigureAwaitFalseRule(LoopSiteCollector sites)
        : base(sites)
    {
    }

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Inspect(in OperationAnalysisContext context)
    {
        if (context.Operation is not IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Arguments: { Length: > 0 } arguments } invocation
            || !LeavesContext(arguments[arguments.Length - 1].Value))
            return;
        var syntax = invocation.Syntax;
        var start = syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.Name.SpanStart : syntax.SpanStart;
        AddSite(context, Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(start, syntax.Span.End)), "ConfigureAwait(false)");
    }

    private static bool LeavesContext(IOperation argument) =>
        argument.ConstantValue is { HasValue: true } constant
        && (constant.Value is false || (argument.Type?.TypeKind == TypeKind.Enum && constant.Value is int options && (options & ContinueOnCapturedContext) == 0));
}
