namespace Loopwire.Tests.Support;

/// <summary>One response as text: its status line, its header lines in order, and its body.</summary>
internal sealed record HttpResponseText(string StatusLine, IReadOnlyList<string> Headers, string Body)
{
    /// <summary>The header lines but Date, which differs from one second to the next.</summary>
    public IReadOnlyList<string> HeadersWithoutDate => [.. Headers.Where(h => !h.StartsWith("Date:", StringComparison.OrdinalIgnoreCase))];

    /// <summary>The response without its Date header.</summary>
    public string WithoutDate => string.Join("\r\n", [StatusLine, .. HeadersWithoutDate]) + "\r\n\r\n" + Body;
}
