namespace Loopwire.Http;

/// <summary>
/// A 1xx interim response a client received before the real one (<c>100 Continue</c>, <c>103 Early Hints</c>, ...),
/// as the object of Node's <c>'information'</c> event.
/// </summary>
/// <param name="StatusCode">The status code, 100 to 199.</param>
/// <param name="StatusMessage">The reason phrase, as sent.</param>
/// <param name="HttpVersionMinor">The HTTP version's minor number: 0 or 1.</param>
/// <param name="RawHeaders">The header lines as received, names and values in turn.</param>
public sealed record HttpInformation(int StatusCode, string StatusMessage, int HttpVersionMinor, IReadOnlyList<string> RawHeaders)
{
    /// <summary>The headers by lowercased name, repeated ones joined as Node joins them.</summary>
    public IReadOnlyDictionary<string, string> Headers => IncomingHeaders.Join(RawHeaders);
}
