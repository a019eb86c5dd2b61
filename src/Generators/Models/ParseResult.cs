using Loopwire.Generators.Helpers;

namespace Loopwire.Generators.Models;

/// <summary>What parsing one declaration produced: a model to generate, or the diagnostics that prevent it.</summary>
/// <typeparam name="TModel">The generator's model.</typeparam>
internal sealed record ParseResult<TModel>(TModel? Model, EquatableArray<DiagnosticInfo> Diagnostics)
    where TModel : class;
