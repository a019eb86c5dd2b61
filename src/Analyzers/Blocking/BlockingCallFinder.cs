using System.Collections.Concurrent;
using System.Collections.Immutable;
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

    /// <summary>Each member's verdict, decided once: LW1001 and LW1002 ask about every call in the compilation.</summary>
    private readonly ConcurrentDictionary<ISymbol, Verdict> verdicts = new(SymbolEqualityComparer.Default);
    private readonly Func<ISymbol, Verdict> decide;

    public BlockingCallFinder(LoopSymbols symbols, IEnumerable<AdditionalText> additionalFiles, CancellationToken cancellationToken)
    {
        this.symbols = symbols;
        catalog = BlockingApiCatalog.Create(additionalFiles, IsAsyncMember, cancellationToken);
        decide = member => Decide(member, receiverType: null);
    }

    private bool IsAsyncMember(ISymbol member) => symbols.IsAwaitable(member is IPropertySymbol property ? property.Type : (member as IMethodSymbol)?.ReturnType);

    /// <param name="taskWaits">True to find only waits on tasks (LW1002), false to find only the other calls (LW1001).</param>
    public bool TryFind(IOperation operation, bool taskWaits, out BlockingCall call)
    {
        call = default;
        switch (operation)
        {
            case IInvocationOperation invocation:
                return TryClassify(invocation.TargetMethod, invocation.Instance?.Type, taskWaits, out call)
                    && !HasZeroTimeout(invocation.Arguments);
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                return TryClassify(constructor, receiverType: null, taskWaits, out call)
                    && !HasZeroTimeout(creation.Arguments);
            case IPropertyReferenceOperation reference when !IsWriteOnly(reference):
                return TryClassify(reference.Property, reference.Instance?.Type, taskWaits, out call);
            default:
                return false;
        }
    }

    private bool TryClassify(ISymbol member, ITypeSymbol? receiverType, bool taskWaits, out BlockingCall call)
    {
        var definition = member.OriginalDefinition;
        var verdict = ReceiverMatters(member, receiverType) ? Decide(definition, receiverType)
            : IsDeclaredInSource(definition) ? Decide(definition, receiverType: null)
            : verdicts.GetOrAdd(definition, decide);
        if (!verdict.IsBlocking || verdict.IsTaskWait != taskWaits)
        {
            call = default;
            return false;
        }

        call = new BlockingCall(member, verdict.Alternative);
        return true;
    }

    /// <summary>
    /// The receiver changes the verdict only for an instance member called on a class derived from the one that
    /// declares it (<c>Stream.Read</c> on a <c>MemoryStream</c>); those calls are decided each time.
    /// </summary>
    private static bool ReceiverMatters(ISymbol member, ITypeSymbol? receiverType) =>
        !member.IsStatic
        && receiverType is INamedTypeSymbol { TypeKind: TypeKind.Class } receiver
        && !SymbolEqualityComparer.Default.Equals(receiver.OriginalDefinition, member.ContainingType?.OriginalDefinition);

    /// <summary>
    /// Source members are most of the distinct members called, and deciding one is a few lookups in sets that are
    /// only read (their type is rarely listed): caching them would fill the shared dictionary, whose locks and
    /// growth cost more than deciding again.
    /// </summary>
    private static bool IsDeclaredInSource(ISymbol member) => member.ContainingAssembly is ISourceAssemblySymbol;

    private Verdict Decide(ISymbol member, ITypeSymbol? receiverType)
    {
        var isTaskWait = symbols.IsTaskType(member.ContainingType);
        return TryGetBlockingAttribute(member, out var alternative)
            ? new Verdict(isBlocking: true, isTaskWait, alternative)
            : new Verdict(catalog.IsBlocking(member, receiverType), isTaskWait, alternative: null);
    }

    private bool TryGetBlockingAttribute(ISymbol member, out string? alternative)
    {
        alternative = null;
        if (!symbols.MayBeMarkedBlocking(member))
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

    private readonly struct Verdict
    {
        public Verdict(bool isBlocking, bool isTaskWait, string? alternative)
        {
            IsBlocking = isBlocking;
            IsTaskWait = isTaskWait;
            Alternative = alternative;
        }

        public bool IsBlocking { get; }

        /// <summary>Declared on a task type: reported by LW1002 instead of LW1001.</summary>
        public bool IsTaskWait { get; }

        public string? Alternative { get; }
    }

    private static bool IsWriteOnly(IPropertyReferenceOperation reference) =>
        reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;

    /// <summary>A zero timeout polls instead of waiting: <c>semaphore.Wait(0)</c>, <c>handle.WaitOne(TimeSpan.Zero)</c>.</summary>
    private bool HasZeroTimeout(ImmutableArray<IArgumentOperation> arguments)
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
