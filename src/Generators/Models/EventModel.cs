using Loopwire.Generators.Helpers;

namespace Loopwire.Generators.Models;

/// <summary>One <c>[Event]</c> partial method.</summary>
/// <param name="MethodName">The method's name; also the name of its typed subscription members.</param>
/// <param name="WireName">The name the string-keyed surface uses.</param>
/// <param name="Modifiers">The declaration's modifiers other than <c>partial</c>, repeated by the implementation.</param>
/// <param name="ReturnsBool">Whether the emit returns whether there were listeners.</param>
/// <param name="Parameters">The payload.</param>
/// <param name="UseTupleNames">Whether the parameter names can name the elements of the payload tuple.</param>
internal sealed record EventModel(
    string MethodName,
    string WireName,
    string Modifiers,
    bool ReturnsBool,
    EquatableArray<ParameterModel> Parameters,
    bool UseTupleNames)
{
    public bool IsError => WireName == "error";
}
