using System.Text;
using System.Text.Json;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>HttpServerTests' expected answers, checked against a live Node: the same requests to the same handlers on Node's http server.</summary>
public sealed class HttpServerNodeTests
{
    [NodeFact]
    public void Node_answers_each_request_as_the_expected_answers_say()
    {
        // Node http: the table HttpServerTests holds Loopwire to is Node 20's own output, not a guess.
        string[] requests = [.. HttpServerTests.NodeAnswers.Select(row => (string)row[0])];
        string[] expected = [.. HttpServerTests.NodeAnswers.Select(row => (string)row[1])];
        string script = Path.Combine(Programs.RepositoryRoot, "tests", "Runtime.Tests", "Http", "server-cases.js");

        ProgramOutput output = Programs.Succeeded(Programs.RunNode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(requests)), script));

        string[] node = [.. Programs.Lines(output.Text).Select(line => JsonSerializer.Deserialize<string>(line)!)];
        Assert.Equal(expected, node);
    }
}
