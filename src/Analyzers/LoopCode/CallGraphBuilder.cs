using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>
/// Collects, concurrently and from the operations the driver already builds, each body's summary: the calls it
/// makes (methods, constructors, accessors, indexers, operators, conversions, local functions, lambdas) and the
/// delegates it hands to <c>[RunsOnLoop]</c> or pool parameters. <see cref="Build"/> turns them into a
/// <see cref="CallGraph"/> once the compilation has been analyzed. Built once per compilation and shared by every
/// loop rule: collecting it is most of what the rules cost.
/// </summary>
internal sealed class CallGraphBuilder
{
    private readonly LoopSymbols symbols;
    private readonly ConcurrentQueue<(CodeUnit From, CodeUnit To, IMethodSymbol Callee)> calls = new();
    private readonly ConcurrentQueue<CallGraphRoot> roots = new();

    public CallGraphBuilder(LoopSymbols symbols) => this.symbols = symbols;

    /// <summary>The operation kinds whose callee is a user-defined operator or conversion, when there is one.</summary>
    public static readonly OperationKind[] OperatorKinds =
    [
        OperationKind.Binary,
        OperationKind.Unary,
        OperationKind.Conversion,
        OperationKind.Increment,
        OperationKind.Decrement,
        OperationKind.CompoundAssignment,
    ];

    /// <summary>
    /// Operators and conversions are everywhere, user-defined ones rare: they are worth following only when the
    /// source declares one, which the declaration table answers without binding anything.
    /// </summary>
    public static bool DeclaresOperators(Compilation compilation, CancellationToken cancellationToken) =>
        compilation.ContainsSymbolsWithName(name => name.StartsWith("op_", StringComparison.Ordinal), SymbolFilter.Member, cancellationToken);

    public CallGraph Build(CancellationToken cancellationToken) =>
        new(calls.ToArray(), roots.ToArray(), callee => symbols.IsAnyThread(callee), cancellationToken);

    /// <summary>
    /// The unit whose body contains <paramref name="operation"/>: the innermost lambda or local function, else the
    /// member being analyzed; default for field and property initializers, which belong to no callable body.
    /// </summary>
    public static CodeUnit GetContainingUnit(IOperation operation, ISymbol containingSymbol)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return CodeUnit.ForFunction(current.Syntax);
        }

        return containingSymbol switch
        {
            IMethodSymbol method => CodeUnit.ForCallee(method),
            IPropertySymbol { GetMethod: { } getter } => CodeUnit.ForCallee(getter),
            _ => default,
        };
    }

    public void AddAttributedRoot(IMethodSymbol method)
    {
        if (IsLoopThreadMember(method) && CodeUnit.ForCallee(method) is { IsDefault: false } unit)
            roots.Enqueue(new CallGraphRoot(unit, method, receivedBy: null, isPool: false));
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

    /// <summary>Records the call an invocation, creation, property reference or operator makes.</summary>
    public void AddCall(in OperationAnalysisContext context)
    {
        var operation = context.Operation;
        switch (operation)
        {
            case IInvocationOperation invocation:
                AddCall(context, invocation.TargetMethod);
                break;
            case IObjectCreationOperation { Constructor: { } constructor }:
                AddCall(context, constructor);
                break;
            case IPropertyReferenceOperation reference:
                AddPropertyCall(context, reference);
                break;
            case IBinaryOperation { OperatorMethod: { } method }:
                AddCall(context, method);
                break;
            case IUnaryOperation { OperatorMethod: { } method }:
                AddCall(context, method);
                break;
            case IConversionOperation { OperatorMethod: { } method }:
                AddCall(context, method);
                break;
            case IIncrementOrDecrementOperation { OperatorMethod: { } method }:
                AddCall(context, method);
                break;
            case ICompoundAssignmentOperation { OperatorMethod: { } method }:
                AddCall(context, method);
                break;
        }
    }

    private void AddPropertyCall(in OperationAnalysisContext context, IPropertyReferenceOperation reference)
    {
        var property = reference.Property;
        var isWritten = reference.Parent is IAssignmentOperation assignment && assignment.Target == reference;
        var isReadToo = !isWritten || reference.Parent is ICompoundAssignmentOperation;
        if (isWritten && property.SetMethod is { } setter)
            AddCall(context, setter);
        if (isReadToo && property.GetMethod is { } getter)
            AddCall(context, getter);
    }

    private void AddCall(in OperationAnalysisContext context, IMethodSymbol callee)
    {
        var to = CodeUnit.ForCallee(callee);
        if (to.IsDefault)
            return;
        var from = GetContainingUnit(context.Operation, context.ContainingSymbol);
        if (!from.IsDefault)
            calls.Enqueue((from, to, callee));
    }

    /// <summary>
    /// A lambda or method group is a root when passed to a loop or pool parameter; anywhere else it is assumed to
    /// run where it was created (LINQ, List.ForEach, a local delegate), so it is an edge from the enclosing body.
    /// </summary>
    public void AddDelegate(in OperationAnalysisContext context)
    {
        IMethodSymbol function;
        CodeUnit unit;
        switch (context.Operation)
        {
            case IAnonymousFunctionOperation lambda:
                function = lambda.Symbol;
                unit = CodeUnit.ForFunction(lambda.Syntax);
                break;
            case IMethodReferenceOperation reference:
                function = reference.Method;
                unit = CodeUnit.ForCallee(reference.Method);
                if (unit.IsDefault)
                    return;
                break;
            default:
                return;
        }

        if (GetReceivingParameter(context.Operation) is { ContainingSymbol: IMethodSymbol receiver } parameter)
        {
            if (symbols.HasAttribute(parameter, symbols.RunsOnLoopAttribute))
            {
                roots.Enqueue(new CallGraphRoot(unit, function, receiver, isPool: false));
                return;
            }

            if (symbols.IsOffLoopEntryPoint(parameter))
            {
                roots.Enqueue(new CallGraphRoot(unit, function, receiver, isPool: true));
                return;
            }
        }

        var from = GetContainingUnit(context.Operation, context.ContainingSymbol);
        if (!from.IsDefault)
            calls.Enqueue((from, unit, function));
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
