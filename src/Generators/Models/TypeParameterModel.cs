namespace Loopwire.Generators.Models;

/// <summary>A type parameter as a generic method repeats it.</summary>
/// <param name="Name">The identifier, escaped when it is a keyword.</param>
/// <param name="Constraints">The constraints after <c>where T :</c>, or empty when there are none.</param>
internal sealed record TypeParameterModel(string Name, string Constraints);
