using Microsoft.CodeAnalysis;

namespace Loopwire.Analyzers.LoopCode;

/// <summary>Whether a rule can report anywhere in a compilation, so that a rule switched off costs nothing.</summary>
internal static class RuleConfiguration
{
    public static bool IsEnabled(Compilation compilation, DiagnosticDescriptor descriptor, CancellationToken cancellationToken)
    {
        var options = compilation.Options;
        if (options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var specific) && specific != ReportDiagnostic.Default)
            return specific != ReportDiagnostic.Suppress;

        var provider = options.SyntaxTreeOptionsProvider;
        var defaultEnabled = provider is not null && provider.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out var global)
            ? global != ReportDiagnostic.Suppress
            : descriptor.IsEnabledByDefault;
        if (provider is null)
            return defaultEnabled;

        // .editorconfig severities are per file: the rule runs if any file leaves it on.
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var severity))
            {
                if (defaultEnabled)
                    return true;
            }
            else if (severity == ReportDiagnostic.Default ? defaultEnabled : severity != ReportDiagnostic.Suppress)
                return true;
        }

        return false;
    }
}
