using Loopwire.Generators.Helpers;
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

        // Every LW2nnn is an error that decides whether the emitter can be generated at all, and the parser must
        // check it anyway, so the parse reports them.
        var models = context.ReportDiagnosticsAndSelectModels(results, TrackingNames.Models, TrackingNames.Diagnostics);

        var strayEvents = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                EventAttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (context, _) => Parser.ParseStrayEvent(context))
            .Where(static diagnostic => diagnostic is not null)
            .WithTrackingName(TrackingNames.StrayEvents);

        context.RegisterSourceOutput(models, static (output, model) => output.AddSource(model.Hierarchy.HintName, Emitter.Write(model)));
        context.RegisterSourceOutput(strayEvents, static (output, diagnostic) => output.ReportDiagnostic(diagnostic!.ToDiagnostic()));
    }
}
