using System.Text.Json;
using Loopwire.Http;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// IncomingHeaders against Node's IncomingMessage (tests/Runtime.Tests/Http/incoming-headers.js): the same raw headers
/// give the same headers and headersDistinct, repeated names dropped, joined or kept apart as Node does.
/// </summary>
public sealed class IncomingHeadersTests
{
    private static readonly string[] FirstOnly =
    [
        "Content-Type", "Content-Length", "User-Agent", "Referer", "Host", "Authorization", "Proxy-Authorization",
        "If-Modified-Since", "If-Unmodified-Since", "From", "Location", "Max-Forwards", "Retry-After", "ETag",
        "Last-Modified", "Server", "Age", "Expires",
    ];

    private static readonly string[][] Cases =
    [
        ["Host", "a", "User-Agent", "b", "Accept", "*/*"],
        [.. FirstOnly.SelectMany(name => new[] { name, "first", name.ToLowerInvariant(), "second" })],
        ["Cookie", "a=1", "cookie", "b=2", "COOKIE", "c=3"],
        ["Set-Cookie", "a=1; Path=/", "set-cookie", "b=2"],
        ["Accept", "text/html", "accept", "*/*", "X-Custom", "1", "x-custom", "2", "Date", "d1", "Date", "d2"],
        ["Vary", "a", "Connection", "keep-alive", "Upgrade", "h2c", "X-Forwarded-For", "1.1.1.1", "x-forwarded-for", "2.2.2.2"],
        [],
    ];

    [NodeFact]
    public void Headers_and_headersDistinct_are_Nodes()
    {
        string script = Path.Combine(Programs.RepositoryRoot, "tests", "Runtime.Tests", "Http", "incoming-headers.js");
        string[] node = Programs.Lines(Programs.Succeeded(Programs.RunNode(JsonSerializer.SerializeToUtf8Bytes(Cases), script)).Text);

        Assert.Equal(Cases.Length, node.Length);
        for (int i = 0; i < Cases.Length; i++)
        {
            NodeHeaders expected = JsonSerializer.Deserialize<NodeHeaders>(node[i])!;
            Assert.Equal(expected.Headers, IncomingHeaders.Join(Cases[i]));
            Assert.Equal(expected.Distinct, IncomingHeaders.Distinct(Cases[i]));
        }
    }

    [Fact]
    public void Repeated_names_are_dropped_joined_or_kept_apart_by_Nodes_rules()
    {
        string[] raw = ["Host", "a", "host", "b", "Cookie", "x=1", "Cookie", "y=2", "Accept", "1", "ACCEPT", "2", "Set-Cookie", "s=1", "Set-Cookie", "t=2"];

        Dictionary<string, string> headers = IncomingHeaders.Join(raw);

        Assert.Equal("a", headers["host"]);
        Assert.Equal("x=1; y=2", headers["cookie"]);
        Assert.Equal("1, 2", headers["accept"]);
        Assert.Equal("s=1, t=2", headers["set-cookie"]);
        Assert.Equal(["a", "b"], IncomingHeaders.Distinct(raw)["host"]);
    }

    private sealed record NodeHeaders(
        [property: System.Text.Json.Serialization.JsonPropertyName("headers")] Dictionary<string, string> Headers,
        [property: System.Text.Json.Serialization.JsonPropertyName("distinct")] Dictionary<string, string[]> Distinct);
}
