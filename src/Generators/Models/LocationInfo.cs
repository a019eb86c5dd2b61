using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Loopwire.Generators.Models;

/// <summary>A source location without its syntax tree, so that diagnostics can travel through the cached pipeline.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is { IsInSource: true }
            ? new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : null;

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
