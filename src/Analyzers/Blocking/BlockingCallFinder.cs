using Loopwire.Analyzers.LoopCode;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Loopwire.Analyzers.Blocking;

/// <summary>
/// Recognizes blocking calls: members in the blocking lists and members marked <c>[Blocking]</c>, minus calls
/// given a zero timeout, which only poll.
/// </summary>
internal sealed class BlockingCallFinder
{
    private readonly LoopSymbols symbols;
    private readonly BlockingApiCatalog catalog;

    public BlockingCallFinder(LoopSymbols symbols, BlockingApiCatalog catalog)
    {
        this.symbols = symbols;
        this.catalog = catalog;
    }

    public bool TryFind(IOperation operation, out BlockingCall call)
    {
        call = default;
        switch (operation)
        {
            case IInvocationOperation invocation:
                return !HasZeroTimeout(invocation.Arguments)
                    && TryClassify(invocation.TargetMethod, invocation.Instance?.Type, symbols.IsAwaitable(invocation.TargetMethod.ReturnType), out call);
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                return !HasZeroTimeout(creation.Arguments) && TryClassify(constructor, receiverType: null, isAsyncMember: false, out call);
            case IPropertyReferenceOperation reference when !IsWriteOnly(reference):
                return TryClassify(reference.Property, reference.Instance?.Type, symbols.IsAwaitable(reference.Property.Type), out call);
            default:
                return false;
        }
    }

    private bool TryClassify(ISymbol member, ITypeSymbol? receiverType, bool isAsyncMember, out BlockingCall call)
    {
        if (TryGetBlockingAttribute(member, out var alternative)
            || catalog.IsBlocking(member, receiverType, isAsyncMember))
        {
            var isTaskWait = member.ContainingType is { } type && symbols.TaskTypes.Contains(type.OriginalDefinition);
            call = new BlockingCall(member, isTaskWait, alternative);
            return true;
        }

        call = default;
        return false;
    }

    private bool TryGetBlockingAttribute(ISymbol member, out string? alternative)
    {
        alternative = null;
        if (symbols.BlockingAttribute is null)
            return false;
        foreach (var attribute in member.OriginalDefinition.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.BlockingAttribute))
            {
                alternative = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                return true;
            }
        }

        return false;
    }

    private static bool IsWriteOnly(IPropertyReferenceOperation reference) =>
        reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;

    /// <summary>A zero timeout polls instead of waiting: <c>semaphore.Wait(0)</c>, <c>handle.WaitOne(TimeSpan.Zero)</c>.</summary>
    private bool HasZeroTimeout(IEnumerable<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name is not ("millisecondsTimeout" or "timeout"))
                continue;
            var value = argument.Value;
            if (value.ConstantValue is { HasValue: true, Value: 0 or 0L })
                return true;
            if (value is IFieldReferenceOperation { Field: { Name: "Zero" } field }
                && SymbolEqualityComparer.Default.Equals(field.ContainingType, symbols.TimeSpan))
                return true;
        }

        return false;
    }
}
