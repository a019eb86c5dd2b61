using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>
/// Summarizes each body once, in one walk of the operations the driver built for it: the calls it makes (methods,
/// constructors, accessors, indexers, operators, conversions, local functions, lambdas), the delegates it hands to
/// <c>[RunsOnLoop]</c> or pool parameters, and — through <see cref="SiteFinder"/> — the rule's candidate sites.
/// One callback per body instead of one per operation keeps the driver's per-callback overhead out of the cost.
/// <see cref="Build"/> turns the summaries into a <see cref="CallGraph"/> once the compilation has been analyzed.
/// </summary>
internal sealed class CallGraphBuilder
{
    private readonly LoopSymbols symbols;
    private readonly bool followOperators;
    private readonly ConcurrentQueue<(CodeUnit From, CodeUnit To, IMethodSymbol Callee)> calls = new();
    private readonly ConcurrentQueue<CallGraphRoot> roots = new();

    public CallGraphBuilder(Compilation compilation, LoopSymbols symbols, CancellationToken cancellationToken)
    {
        this.symbols = symbols;

        // Operators and conversions are everywhere, user-defined ones rare: follow them only when the source
        // declares one (the declaration table answers without binding anything).
        followOperators = compilation.ContainsSymbolsWithName(name => name.StartsWith("op_", StringComparison.Ordinal), SymbolFilter.Member, cancellationToken);
    }

    /// <summary>Called for each operation of a body with the unit it runs in; finds the rule's candidate sites.</summary>
    public delegate void SiteFinder(IOperation operation, CodeUnit unit);

    public CallGraph Build(CancellationToken cancellationToken) => new(calls, roots, cancellationToken);

    /// <summary>Walks one body (iteratively: bodies can be arbitrarily deep) and records its summary.</summary>
    public void Summarize(OperationBlockAnalysisContext context, SiteFinder? findSites)
    {
        var owner = context.OwningSymbol switch
        {
            IMethodSymbol method => method,
            IPropertySymbol { GetMethod: { } getter } => getter,
            _ => null,
        };
        var ownerUnit = owner is null ? default : CodeUnit.ForCallee(owner);
        if (owner is not null && !ownerUnit.IsDefault && IsLoopThreadMember(owner))
            roots.Enqueue(new CallGraphRoot(ownerUnit, owner, receivedBy: null, isPool: false));

        var pending = new Stack<(IOperation Operation, CodeUnit Unit)>();
        foreach (var block in context.OperationBlocks)
            pending.Push((block, ownerUnit));
        var visited = 0;
        while (pending.Count > 0)
        {
            if (++visited % 1024 == 0)
                context.CancellationToken.ThrowIfCancellationRequested();
            var (operation, unit) = pending.Pop();
            var childUnit = Record(operation, unit);
            findSites?.Invoke(operation, unit);
            foreach (var child in operation.ChildOperations)
                pending.Push((child, childUnit));
        }
    }

    /// <summary>Records what <paramref name="operation"/> calls; returns the unit its children run in.</summary>
    private CodeUnit Record(IOperation operation, CodeUnit unit)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                AddCall(unit, invocation.TargetMethod);
                break;
            case IObjectCreationOperation { Constructor: { } constructor }:
                AddCall(unit, constructor);
                break;
            case IPropertyReferenceOperation reference:
                AddPropertyCall(unit, reference);
                break;
            case IAnonymousFunctionOperation lambda:
                var lambdaUnit = CodeUnit.ForFunction(lambda.Syntax);
                AddDelegate(unit, lambda, lambda.Symbol, lambdaUnit);
                return lambdaUnit;
            case IMethodReferenceOperation reference when CodeUnit.ForCallee(reference.Method) is { IsDefault: false } target:
                AddDelegate(unit, reference, reference.Method, target);
                break;
            case ILocalFunctionOperation localFunction:
                return CodeUnit.ForFunction(localFunction.Syntax);
            case IBinaryOperation { OperatorMethod: { } method } when followOperators:
                AddCall(unit, method);
                break;
            case IUnaryOperation { OperatorMethod: { } method } when followOperators:
                AddCall(unit, method);
                break;
            case IConversionOperation { OperatorMethod: { } method } when followOperators:
                AddCall(unit, method);
                break;
            case IIncrementOrDecrementOperation { OperatorMethod: { } method } when followOperators:
                AddCall(unit, method);
                break;
            case ICompoundAssignmentOperation { OperatorMethod: { } method } when followOperators:
                AddCall(unit, method);
                break;
        }

        return unit;
    }

    private bool IsLoopThreadMember(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (symbols.IsLoopPhaseAttribute(attribute.AttributeClass))
                return true;
        }

        if (method.AssociatedSymbol is { } property && symbols.HasAttribute(property, symbols.LoopThreadAttribute))
            return true;
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (symbols.HasAttribute(type, symbols.LoopThreadAttribute))
                return true;
        }

        return false;
    }

    private void AddPropertyCall(CodeUnit unit, IPropertyReferenceOperation reference)
    {
        var property = reference.Property;
        var isWritten = reference.Parent is IAssignmentOperation assignment && assignment.Target == reference;
        var isReadToo = !isWritten || reference.Parent is ICompoundAssignmentOperation;
        if (isWritten && property.SetMethod is { } setter)
            AddCall(unit, setter);
        if (isReadToo && property.GetMethod is { } getter)
            AddCall(unit, getter);
    }

    private void AddCall(CodeUnit from, IMethodSymbol callee)
    {
        if (from.IsDefault)
            return;
        var to = CodeUnit.ForCallee(callee);
        if (!to.IsDefault)
            calls.Enqueue((from, to, callee));
    }

    /// <summary>
    /// A lambda or method group is a root when passed to a loop or pool parameter; anywhere else it is assumed to
    /// run where it was created (LINQ, List.ForEach, a local delegate), so it is an edge from the enclosing body.
    /// </summary>
    private void AddDelegate(CodeUnit from, IOperation delegateOperation, IMethodSymbol function, CodeUnit target)
    {
        if (GetReceivingParameter(delegateOperation) is { ContainingSymbol: IMethodSymbol receiver } parameter)
        {
            if (symbols.HasAttribute(parameter, symbols.RunsOnLoopAttribute))
            {
                roots.Enqueue(new CallGraphRoot(target, function, receiver, isPool: false));
                return;
            }

            if (symbols.IsOffLoopEntryPoint(parameter))
            {
                roots.Enqueue(new CallGraphRoot(target, function, receiver, isPool: true));
                return;
            }
        }

        if (!from.IsDefault)
            calls.Enqueue((from, target, function));
    }

    /// <summary>The parameter a delegate is passed to, looking through the delegate creation and conversions.</summary>
    public static IParameterSymbol? GetReceivingParameter(IOperation delegateOperation)
    {
        var current = delegateOperation.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
            current = current.Parent;
        return (current as IArgumentOperation)?.Parameter;
    }
}
