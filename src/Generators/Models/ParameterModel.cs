namespace Loopwire.Generators.Models;

/// <summary>One payload parameter of an event.</summary>
/// <param name="Name">The identifier, escaped when it is a keyword.</param>
/// <param name="Type">The fully qualified type, nullable annotations included.</param>
/// <param name="DisplayType">The short type name for messages.</param>
/// <param name="IsParams">Whether the declaration marks it <c>params</c>; the implementation must repeat it.</param>
internal sealed record ParameterModel(string Name, string Type, string DisplayType, bool IsParams);
