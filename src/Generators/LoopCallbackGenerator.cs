using System.Linq;
using Loopwire.Generators.Helpers;
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

        var models = context.ReportDiagnosticsAndSelectModels(results, TrackingNames.AttachModels, TrackingNames.AttachDiagnostics);
        context.RegisterSourceOutput(models, static (output, model) => output.AddSource(model.Hierarchy.HintName, Emitter.Write(model)));
    }
}
