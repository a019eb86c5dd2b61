using System.Text;
using System.Text.Json;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>HttpClientTests' expected requests, checked against a live Node: the same calls made with Node's http client.</summary>
public sealed class HttpClientNodeTests
{
    [NodeFact]
    public void Node_sends_each_request_as_the_expected_requests_say()
    {
        // Node http client: the table HttpClientTests holds Loopwire to is Node 20's own output, not a guess.
        string[] names = [.. HttpClientTests.NodeRequests.Select(row => (string)row[0])];
        string[] expected = [.. HttpClientTests.NodeRequests.Select(row => (string)row[1])];
        string script = Path.Combine(Programs.RepositoryRoot, "tests", "Runtime.Tests", "Http", "client-cases.js");

        ProgramOutput output = Programs.Succeeded(Programs.RunNode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(names)), script));

        string[] node = [.. Programs.Lines(output.Text).Select(line => JsonSerializer.Deserialize<string>(line)!)];
        Assert.Equal(expected, node);
    }

    [NodeFact]
    public void Node_emits_each_outcome_s_events_as_the_expected_events_say()
    {
        // Node http client: the event orders HttpClientTests holds Loopwire to are Node 20's own.
        string[] names = [.. HttpClientTests.NodeEvents.Select(row => (string)row[0])];
        string[][] expected = [.. HttpClientTests.NodeEvents.Select(row => (string[])row[1])];
        string script = Path.Combine(Programs.RepositoryRoot, "tests", "Runtime.Tests", "Http", "client-events.js");

        ProgramOutput output = Programs.Succeeded(Programs.RunNode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(names)), script));

        string[][] node = [.. Programs.Lines(output.Text).Select(line => JsonSerializer.Deserialize<string[]>(line)!)];
        Assert.Equal(expected, node);
    }
}
