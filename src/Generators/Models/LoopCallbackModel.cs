namespace Loopwire.Generators.Models;

/// <summary>A method the loop calls through a handle that <c>Attach</c> creates.</summary>
/// <param name="Kind">Which handle.</param>
/// <param name="MethodName">The method, escaped when it is a keyword.</param>
/// <param name="Argument">The interval's period in milliseconds, or the signal as an expression; empty for the phase handles.</param>
internal sealed record LoopCallbackModel(LoopCallbackKind Kind, string MethodName, string Argument);
