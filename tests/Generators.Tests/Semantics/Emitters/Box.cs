namespace Loopwire.Generators.Tests.Semantics.Emitters;

/// <summary>A generic emitter nested in a generic class: payloads of the type parameters.</summary>
/// <typeparam name="TOuter">The outer type parameter.</typeparam>
public static partial class Outer<TOuter>
{
    /// <summary>A generic emitter.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    [EventEmitter]
    public partial class Box<T>
        where T : notnull
    {
        [Event]
        public partial bool Item(T item, TOuter tag);

        [Event]
        public partial bool Items(params T[] items);
    }
}
