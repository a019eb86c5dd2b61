using Loopwire.Generators.Models;
using Microsoft.CodeAnalysis;

namespace Loopwire.Generators.Helpers;

/// <summary>The step every generator ends with: report each parse's diagnostics, and generate from the models.</summary>
internal static class ParseResultPipeline
{
    /// <summary>
    /// Reports the diagnostics of <paramref name="results"/> and returns their models, each step tracked under its
    /// name so that tests can assert what was cached. Diagnostics travel as equatable data, so reporting them keeps
    /// one pass over each declaration.
    /// </summary>
    public static IncrementalValuesProvider<TModel> ReportDiagnosticsAndSelectModels<TModel>(
        this IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<ParseResult<TModel>> results,
        string modelsStep,
        string diagnosticsStep)
        where TModel : class
    {
        var diagnostics = results
            .Where(static result => !result.Diagnostics.IsEmpty)
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(diagnosticsStep);
        context.RegisterSourceOutput(diagnostics, static (output, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        return results
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(modelsStep);
    }
}
