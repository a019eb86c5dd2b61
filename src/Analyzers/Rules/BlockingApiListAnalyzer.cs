using System.Collections.Immutable;
using Loopwire.Analyzers.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Loopwire.Analyzers.Rules;

/// <summary>
/// LW1007: a line of a <c>Loopwire.BlockingApis*.txt</c> file that is not a valid entry. The line is ignored by
/// LW1001 and LW1002; this rule says which one and why, so a typo never silently weakens the list.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingApiListAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Descriptor = new(
        RuleIdentifiers.MalformedBlockingApiEntry,
        title: "Malformed blocking-API entry",
        messageFormat: "Line {0} of '{1}' is not a blocking-API entry and is ignored: {2}",
        RuleIdentifiers.ConfigurationCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Each line of a Loopwire.BlockingApis*.txt file is a documentation-comment ID ('M:' or 'P:'), optionally preceded by '!' and ended by '*', or a '#' comment.",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.MalformedBlockingApiEntry));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterAdditionalFileAction(AnalyzeFile);
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context)
    {
        var file = context.AdditionalFile;
        if (!BlockingApiCatalog.IsBlockingList(file) || file.GetText(context.CancellationToken) is not { } text)
            return;

        var entries = new List<BlockingApiEntry>();
        var errors = new List<BlockingApiListError>();
        BlockingApiListParser.Parse(text, entries, errors, context.CancellationToken);
        foreach (var error in errors)
        {
            var location = Location.Create(file.Path, error.Span, text.Lines.GetLinePositionSpan(error.Span));
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, location, error.LineNumber, Path.GetFileName(file.Path), error.Reason));
        }
    }
}
