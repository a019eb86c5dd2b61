using System.Linq;
using Loopwire.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Loopwire.Generators;

/// <summary>
/// Generates typed, allocation-free event emitters: for each <c>[EventEmitter]</c> partial class, the bodies of its
/// <c>[Event]</c> partial methods (the emits) and the On/Once/Prepend/PrependOnce/Off, Listeners, Next and Events
/// surfaces, plus a string-keyed surface for interop.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class EmitterGenerator : IIncrementalGenerator
{
    internal const string EmitterAttributeName = "Loopwire.EventEmitterAttribute";
    internal const string EventAttributeName = "Loopwire.EventAttribute";
    internal const int MaxParameters = 16;

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                EmitterAttributeName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken) => Parser.Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        var models = results
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Models);

        var diagnostics = results
            .Where(static result => !result.Diagnostics.IsEmpty)
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        var strayEvents = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                EventAttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (context, _) => Parser.ParseStrayEvent(context))
            .Where(static diagnostic => diagnostic is not null)
            .WithTrackingName(TrackingNames.StrayEvents);

        context.RegisterSourceOutput(models, static (output, model) => output.AddSource(model.Hierarchy.HintName, Emitter.Write(model)));
        // Every LW2nnn is an error that decides whether the emitter can be generated at all, and the parser must
        // check it anyway; reporting from here keeps one pass over the declaration, carried as equatable data.
        context.RegisterSourceOutput(diagnostics, static (output, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
        context.RegisterSourceOutput(strayEvents, static (output, diagnostic) => output.ReportDiagnostic(diagnostic!.ToDiagnostic()));
    }
}
