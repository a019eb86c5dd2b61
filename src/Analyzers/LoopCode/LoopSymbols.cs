using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>
/// The symbols the loop-code rules look for, resolved once per compilation so that every check is a reference
/// comparison. Loopwire's attributes are found by metadata name, so the analyzers need no reference to the runtime.
/// </summary>
internal sealed class LoopSymbols
{
    private static readonly string[] LoopPhaseAttributeNames =
    [
        "Loopwire.OnCheckAttribute",
        "Loopwire.OnPrepareAttribute",
        "Loopwire.OnIdleAttribute",
        "Loopwire.OnIntervalAttribute",
        "Loopwire.OnSignalAttribute",
        "Loopwire.OnEventAttribute`1",
        "Loopwire.LoopThreadAttribute",
    ];

    private readonly HashSet<INamedTypeSymbol> loopPhaseAttributes;
    private readonly HashSet<INamedTypeSymbol> taskTypes;
    private readonly HashSet<INamedTypeSymbol> awaitableTypes;
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> loopOwnedTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> assembliesSeeingLoopwire = new(SymbolEqualityComparer.Default);
    private readonly Func<INamedTypeSymbol, bool> isLoopOwned;
    private readonly Func<IAssemblySymbol, bool> seesLoopwire;

    private LoopSymbols(Compilation compilation, INamedTypeSymbol runsOnLoop)
    {
        isLoopOwned = type => SymbolEqualityComparer.Default.Equals(type, EventLoop)
            || IsOrDerivesFrom(type, Handle)
            || HasAttribute(type, EventEmitterAttribute);
        var loopwire = runsOnLoop.ContainingAssembly;
        seesLoopwire = assembly => SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly)
            || SymbolEqualityComparer.Default.Equals(assembly, loopwire)
            || assembly.Modules.Any(module => module.ReferencedAssemblies.Any(identity => identity.Name == loopwire.Identity.Name));
        RunsOnLoopAttribute = runsOnLoop;
        RunsOnPoolAttribute = compilation.GetTypeByMetadataName("Loopwire.RunsOnPoolAttribute");
        LoopThreadAttribute = compilation.GetTypeByMetadataName("Loopwire.LoopThreadAttribute");
        AnyThreadAttribute = compilation.GetTypeByMetadataName("Loopwire.AnyThreadAttribute");
        BlockingAttribute = compilation.GetTypeByMetadataName("Loopwire.BlockingAttribute");
        EventEmitterAttribute = compilation.GetTypeByMetadataName("Loopwire.EventEmitterAttribute");
        EventLoop = compilation.GetTypeByMetadataName("Loopwire.EventLoop");
        Handle = compilation.GetTypeByMetadataName("Loopwire.Handle");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        ThreadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        ThreadingTimer = compilation.GetTypeByMetadataName("System.Threading.Timer");
        Monitor = compilation.GetTypeByMetadataName("System.Threading.Monitor");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        loopPhaseAttributes = ResolveAll(compilation, LoopPhaseAttributeNames);
        taskTypes = ResolveAll(compilation,
        [
            "System.Threading.Tasks.Task",
            "System.Threading.Tasks.Task`1",
            "System.Threading.Tasks.ValueTask",
            "System.Threading.Tasks.ValueTask`1",
            "System.Runtime.CompilerServices.TaskAwaiter",
            "System.Runtime.CompilerServices.TaskAwaiter`1",
            "System.Runtime.CompilerServices.ValueTaskAwaiter",
            "System.Runtime.CompilerServices.ValueTaskAwaiter`1",
            "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter",
        ]);
        awaitableTypes = ResolveAll(compilation,
        [
            "System.Threading.Tasks.Task",
            "System.Threading.Tasks.Task`1",
            "System.Threading.Tasks.ValueTask",
            "System.Threading.Tasks.ValueTask`1",
            "System.Collections.Generic.IAsyncEnumerable`1",
        ]);
    }

    public INamedTypeSymbol RunsOnLoopAttribute { get; }
    public INamedTypeSymbol? RunsOnPoolAttribute { get; }
    public INamedTypeSymbol? LoopThreadAttribute { get; }
    public INamedTypeSymbol? AnyThreadAttribute { get; }
    public INamedTypeSymbol? BlockingAttribute { get; }
    public INamedTypeSymbol? EventEmitterAttribute { get; }
    public INamedTypeSymbol? EventLoop { get; }
    public INamedTypeSymbol? Handle { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskFactory { get; }
    public INamedTypeSymbol? ThreadPool { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? ThreadingTimer { get; }
    public INamedTypeSymbol? Monitor { get; }
    public INamedTypeSymbol? TimeSpan { get; }

    /// <summary>Tasks, value tasks and their awaiters: a blocking member declared on one is a synchronous task wait (LW1002).</summary>
    public bool IsTaskType(INamedTypeSymbol? type) => type is not null && taskTypes.Contains(type.OriginalDefinition);

    /// <summary>
    /// Returns null when the compilation cannot contain loop code: without <c>[RunsOnLoop]</c> in scope, Loopwire
    /// is not referenced, so every loop rule can skip the compilation at no cost.
    /// </summary>
    public static LoopSymbols? TryCreate(Compilation compilation)
    {
        var runsOnLoop = compilation.GetTypeByMetadataName("Loopwire.RunsOnLoopAttribute");
        return runsOnLoop is null ? null : new LoopSymbols(compilation, runsOnLoop);
    }

    public bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
            return false;
        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                return true;
        }

        return false;
    }

    /// <summary>True for tasks, value tasks and async streams: members returning one are asynchronous.</summary>
    public bool IsAwaitable(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && awaitableTypes.Contains(named.OriginalDefinition);

    /// <summary>Loop-phase attributes and <c>[LoopThread]</c>: a method carrying one is loop code.</summary>
    public bool IsLoopPhaseAttribute(INamedTypeSymbol? attribute) =>
        attribute is not null && loopPhaseAttributes.Contains(attribute.OriginalDefinition);

    /// <summary>
    /// True when the member's assembly can carry <c>[Blocking]</c>: this compilation or one that references Loopwire.
    /// Spares the attribute scan for every framework member, which is most of the calls.
    /// </summary>
    public bool MayBeMarkedBlocking(ISymbol member) =>
        BlockingAttribute is not null && member.ContainingAssembly is { } assembly
        && assembliesSeeingLoopwire.GetOrAdd(assembly, seesLoopwire);

    /// <summary>True for the thread-pool and thread entry points that run their delegate argument off the loop.</summary>
    public bool IsOffLoopEntryPoint(IParameterSymbol parameter)
    {
        if (HasAttribute(parameter, RunsOnPoolAttribute))
            return true;
        if (parameter.ContainingSymbol is not IMethodSymbol method)
            return false;
        var type = method.ContainingType?.OriginalDefinition;
        var isEntryPoint = (method.Name == "Run" && SymbolEqualityComparer.Default.Equals(type, Task))
            || (method.Name == "StartNew" && IsOrDerivesFrom(type, TaskFactory))
            || (method.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" && SymbolEqualityComparer.Default.Equals(type, ThreadPool))
            || (method.MethodKind == MethodKind.Constructor
                && (SymbolEqualityComparer.Default.Equals(type, Thread) || SymbolEqualityComparer.Default.Equals(type, ThreadingTimer)));

        // Asked last: a parameter's type is a new object on every call, and nearly every delegate goes elsewhere.
        return isEntryPoint && parameter.Type.TypeKind == TypeKind.Delegate;
    }

    /// <summary>
    /// True for members marked <c>[AnyThread]</c> (a property's accessors by their property): safe from any thread by
    /// their author's word, so pool code is not followed into them (<c>EventLoop.Post</c> queues for the loop,
    /// <c>EventLoop.RunMain</c> makes the calling thread a loop thread).
    /// </summary>
    public bool IsAnyThread(IMethodSymbol member)
    {
        var declared = member.AssociatedSymbol ?? member;
        return HasAttribute(declared.OriginalDefinition, AnyThreadAttribute) || HasAttribute(member.OriginalDefinition, AnyThreadAttribute);
    }

    /// <summary>
    /// True for members that must run on the loop thread: instance members of <c>EventLoop</c>, of handles and of
    /// <c>[EventEmitter]</c> classes, except those marked <c>[AnyThread]</c>.
    /// </summary>
    public bool IsLoopAffine(ISymbol member)
    {
        if (member.IsStatic || member is IMethodSymbol { MethodKind: MethodKind.Constructor })
            return false;
        if (member.ContainingType is not { } type || !IsLoopOwned(type.OriginalDefinition))
            return false;
        var declared = member is IMethodSymbol { AssociatedSymbol: { } property } ? property : member;
        return !HasAttribute(declared.OriginalDefinition, AnyThreadAttribute) && !HasAttribute(member.OriginalDefinition, AnyThreadAttribute);
    }

    /// <summary>
    /// Source types are decided each time: the answer is a few reads, and caching every type of the compilation would
    /// cost more in the shared dictionary's locks and growth than it saves. Library types are few and cached.
    /// </summary>
    private bool IsLoopOwned(INamedTypeSymbol type) =>
        type.ContainingAssembly is ISourceAssemblySymbol ? isLoopOwned(type) : loopOwnedTypes.GetOrAdd(type, isLoopOwned);

    private static bool IsOrDerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
            return false;
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                return true;
        }

        return false;
    }

    /// <summary>Resolves the types that exist in this compilation; the set is only read once built.</summary>
    private static HashSet<INamedTypeSymbol> ResolveAll(Compilation compilation, string[] metadataNames)
    {
        var types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in metadataNames)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
                types.Add(type);
        }

        return types;
    }
}
