namespace Loopwire.Generators.Models;

/// <summary>A parameter of a generated <c>Attach</c> method: the emitter whose events some handlers listen to.</summary>
/// <param name="Name">The parameter's name, from the emitter type's name (<c>server</c>).</param>
/// <param name="Type">The emitter's fully qualified type.</param>
internal sealed record EmitterParameterModel(string Name, string Type);
