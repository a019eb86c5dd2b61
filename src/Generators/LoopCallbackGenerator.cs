using System.Collections.Immutable;
using System.Linq;
using Loopwire.Generators.Helpers;
using Loopwire.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Loopwire.Generators;

/// <summary>
/// Wires loop callbacks at compile time: for each class whose methods carry <c>[OnInterval]</c>, <c>[OnPrepare]</c>,
/// <c>[OnIdle]</c>, <c>[OnCheck]</c>, <c>[OnSignal]</c> or <c>[OnEvent&lt;T&gt;]</c>, an <c>Attach</c> extension
/// method on <c>EventLoop</c> that creates the handles and subscribes the handlers, without reflection.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class LoopCallbackGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // One provider per attribute, each yielding the parse of the marked method's whole class; a class with
        // several marked methods yields equal results, kept once.
        var results = LoopAttributes.MetadataNames
            .Select(name => context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    name,
                    static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                    static (context, cancellationToken) => Parser.Parse(context, cancellationToken))
                .Collect())
            .Aggregate(static (left, right) => left.Combine(right).Select(static (pair, _) => pair.Left.AddRange(pair.Right)))
            .SelectMany(static (results, _) => results.Distinct())
            .WithTrackingName(TrackingNames.AttachParse);

        var models = results
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.AttachModels);

        var diagnostics = results
            .Where(static result => !result.Diagnostics.IsEmpty)
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.AttachDiagnostics);

        context.RegisterSourceOutput(models, static (output, model) => output.AddSource(model.Hierarchy.HintName, Emitter.Write(model)));
        context.RegisterSourceOutput(diagnostics, static (output, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }
}
