namespace Loopwire.Tests.Support;

/// <summary>One response as text: its status line, its header lines in order, and its body.</summary>
internal sealed record HttpResponseText(string StatusLine, IReadOnlyList<string> Headers, string Body)
{
    /// <summary>The response without its Date header, which Node sends and the C# sample (static bytes) does not.</summary>
    public string WithoutDate =>
        string.Join("\r\n", [StatusLine, .. Headers.Where(h => !h.StartsWith("Date:", StringComparison.OrdinalIgnoreCase))]) + "\r\n\r\n" + Body;
}
