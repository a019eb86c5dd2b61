namespace Loopwire.Generators.Models;

/// <summary>One type of the emitter's nesting chain as a partial declaration repeats it: <c>partial {Keyword} {Name}</c>.</summary>
/// <param name="Keyword">"class", "struct", "record", "record struct" or "interface".</param>
/// <param name="Name">The name with its type parameters, e.g. <c>Box&lt;T&gt;</c>.</param>
internal sealed record TypeDeclarationInfo(string Keyword, string Name);
