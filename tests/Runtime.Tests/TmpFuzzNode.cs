using System.Text;
using System.Text.Json;
using Loopwire.Http;
using Loopwire.Tests.Support;
namespace Loopwire.Tests;
public sealed class TmpFuzzNode
{
    [Fact]
    public void FuzzAgainstNode()
    {
        var random = new Random(99);
        var cases = new List<(HttpParserKind, byte[], bool, bool)>();
        for (int i = 0; i < 30000; i++)
        {
            var (kind, text) = HttpParserFuzzTests.Seeds[random.Next(HttpParserFuzzTests.Seeds.Length)];
            byte[] input = HttpParserFuzzTests.Mutate(Encoding.Latin1.GetBytes(text), random);
            if (input.Length > 3000) continue;
            cases.Add((kind, input, kind == HttpParserKind.Response && random.Next(4) == 0, random.Next(2) == 0));
        }
        var json = cases.Select(c => new { kind = c.Item1 == HttpParserKind.Request ? "request" : "response", data = Convert.ToBase64String(c.Item2), skipBody = c.Item3, eof = c.Item4 });
        string script = Path.Combine(Programs.RepositoryRoot, "tests", "Runtime.Tests", "Http", "llhttp-cases.js");
        string[] node = Programs.Lines(Programs.Succeeded(Programs.RunNode(JsonSerializer.SerializeToUtf8Bytes(json), script)).Text);
        var sb = new StringBuilder();
        int bad = 0;
        for (int i = 0; i < cases.Count; i++)
        {
            string mine = HttpParserTranscript.Run(cases[i].Item1, cases[i].Item2, cases[i].Item3, cases[i].Item4);
            if (mine != node[i]) { bad++; sb.Append(HttpParserTranscript.Escape(Encoding.Latin1.GetString(cases[i].Item2))).Append("\n  node: ").Append(node[i]).Append("\n  mine: ").Append(mine).Append('\n'); }
        }
        File.WriteAllText("/tmp/px/fuzzdiff.txt", $"{bad} of {cases.Count}\n" + sb);
    }
}
