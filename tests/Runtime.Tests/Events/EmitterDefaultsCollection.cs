namespace Loopwire.Tests.Events;

/// <summary>Runs the tests that change <see cref="EventEmitter.DefaultMaxListeners"/> apart from the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EmitterDefaultsCollection
{
    public const string Name = "EmitterDefaults";
}
