using Loopwire.Generators.Helpers;

namespace Loopwire.Generators.Models;

/// <summary>What parsing one <c>[EventEmitter]</c> class produced: a model to generate, or the diagnostics that prevent it.</summary>
internal sealed record ParseResult(EmitterModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
