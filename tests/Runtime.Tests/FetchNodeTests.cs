using System.Text;
using Loopwire.Http;
using Loopwire.Processes;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// <see cref="HttpFetch.FetchAsync"/> and Node 20's own fetch, each making the same requests to the same Loopwire
/// server (<see cref="FetchTests.StartServer"/>); tests/Runtime.Tests/Http/fetch-cases.js has Node's side.
/// </summary>
public sealed class FetchNodeTests
{
    private static readonly KeyValuePair<string, string>[] Secret = [new("Authorization", "secret")];

    private static readonly (string Name, string Path, FetchOptions Options)[] Cases =
    [
        ("get", "/echo", new FetchOptions()),
        ("post-text", "/echo", new FetchOptions { Method = "POST", Body = "héllo" }),
        ("put-bytes", "/echo", new FetchOptions { Method = "PUT", Body = new byte[] { 0x61, 0x62 } }),
        ("post-typed", "/echo", new FetchOptions { Method = "POST", Body = "{}", Headers = [new("Content-Type", "application/json")] }),
        ("302-post", "/302/echo", new FetchOptions { Method = "POST", Body = "b", Headers = Secret }),
        ("301-post", "/301/echo", new FetchOptions { Method = "POST", Body = "b", Headers = Secret }),
        ("303-put", "/303/echo", new FetchOptions { Method = "PUT", Body = "b", Headers = Secret }),
        ("307-post", "/307/echo", new FetchOptions { Method = "POST", Body = "b", Headers = Secret }),
        ("308-put", "/308/echo", new FetchOptions { Method = "PUT", Body = "b", Headers = Secret }),
        ("manual", "/302/echo", new FetchOptions { Redirect = FetchRedirect.Manual }),
        ("error", "/302/echo", new FetchOptions { Redirect = FetchRedirect.Error }),
        ("loop", "/loop", new FetchOptions()),
        ("gzip", "/gzip", new FetchOptions()),
        ("deflate", "/deflate", new FetchOptions()),
        ("br", "/br", new FetchOptions()),
        ("gzip-then-br", "/gzip-then-br", new FetchOptions()),
        ("headers", "/headers", new FetchOptions()),
        ("head", "/not-gzip", new FetchOptions { Method = "HEAD" }),
    ];

    [NodeFact]
    public void Loopwire_and_Node_fetch_the_same_answers_from_the_same_server()
    {
        // Node fetch (undici): statuses, redirects, decoded bodies, headers and failures, case by case.
        var (ours, theirs) = LoopPrograms.OnLoop(async loop =>
        {
            HttpServer server = FetchTests.StartServer(loop);
            string origin = $"http://127.0.0.1:{server.LocalEndPoint!.Port}";
            var lines = new List<string>();
            foreach ((string name, string path, FetchOptions options) in Cases)
            {
                lines.Add($"{name}: {await Describe(loop, origin, path, options)}");
            }

            string script = Path.Combine(Programs.RepositoryRoot, "tests", "Runtime.Tests", "Http", "fetch-cases.js");
            ExecResult node = await ChildProcess.ExecFileAsync(loop, Programs.Node!, [script, origin]);
            server.Close();
            HttpAgent.Global(loop).Destroy();
            return (lines, Programs.Lines(node.Stdout));
        });

        Assert.Equal(ours, theirs);
    }

    private static async Task<string> Describe(EventLoop loop, string origin, string path, FetchOptions options)
    {
        try
        {
            FetchResponse response = await loop.FetchAsync(origin + path, options);
            var headers = new List<string>();
            foreach ((string name, string value) in response.Headers)
            {
                if (name == "set-cookie")
                {
                    headers.AddRange(response.GetSetCookie().Select(cookie => $"{name}={cookie}")); // fetch's Headers iterates them apart
                }
                else if (name is not ("date" or "connection" or "keep-alive")) // per connection: Node's fetch closes after a HEAD
                {
                    headers.Add($"{name}={value}");
                }
            }

            string text = await response.TextAsync();
            return $"{response.Status} {response.StatusText} ok={Lower(response.Ok)} redirected={Lower(response.Redirected)} " +
                $"url={response.Url[origin.Length..]} [{string.Join(";", headers)}] cookies={string.Join("|", response.GetSetCookie())} {text}";
        }
        catch (HttpRequestException error)
        {
            string cause = error.Message["fetch failed: ".Length..];
            int detail = cause.IndexOf(" (", StringComparison.Ordinal);
            return $"fetch failed: {(detail < 0 ? cause : cause[..detail])}";
        }
    }

    private static string Lower(bool value) => value ? "true" : "false";
}
