using Microsoft.CodeAnalysis.Text;

namespace Loopwire.Analyzers.Blocking;

/// <summary>A line of a blocking list that is not a valid entry, reported as LW1007 instead of being guessed at.</summary>
internal readonly struct BlockingApiListError
{
    public BlockingApiListError(int lineNumber, TextSpan span, string reason)
    {
        LineNumber = lineNumber;
        Span = span;
        Reason = reason;
    }

    /// <summary>The one-based line number, as editors show it.</summary>
    public int LineNumber { get; }

    public TextSpan Span { get; }

    public string Reason { get; }
}
