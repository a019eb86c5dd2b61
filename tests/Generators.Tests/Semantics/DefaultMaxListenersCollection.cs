namespace Loopwire.Generators.Tests.Semantics;

/// <summary>Runs the tests that read or change <see cref="EventEmitter.DefaultMaxListeners"/> apart from the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultMaxListenersCollection
{
    public const string Name = "DefaultMaxListeners";
}
