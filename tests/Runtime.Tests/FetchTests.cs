using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Loopwire.Http;
using Loopwire.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// <see cref="HttpFetch.FetchAsync"/> against a Loopwire <see cref="HttpServer"/> on loopback: what Node 20's fetch
/// sends and resolves to (FetchNodeTests runs Node's fetch against the same server), its redirects, decoding, errors
/// and cancellation.
/// </summary>
public sealed partial class FetchTests
{
    /// <summary>
    /// The server the tests fetch from: <c>/echo</c> answers with the request it got; <c>/NNN/path</c> redirects with
    /// status NNN to path; <c>/gzip</c>, <c>/deflate</c> and <c>/br</c> send "zipped" compressed; <c>/not-gzip</c> says
    /// gzip and is not; <c>/headers</c> repeats headers; <c>/user-agent</c> answers with the request's;
    /// <c>/hold</c> sends its head and holds its body.
    /// </summary>
    internal static HttpServer StartServer(EventLoop loop) => new HttpServer(loop, (request, response) =>
    {
        var body = new StringBuilder();
        request.On.Data(chunk => body.Append(Encoding.UTF8.GetString(chunk.Span))).On.Ended(async () =>
        {
            string url = request.Url;
            if (url.Length > 4 && url[0] == '/' && url[4] == '/' && int.TryParse(url.AsSpan(1, 3), out int status))
            {
                response.StatusCode = status;
                response.SetHeader("Location", url[4..].StartsWith("/http", StringComparison.Ordinal) ? url[5..] : url[4..]);
                response.End("moved");
                return;
            }

            switch (url)
            {
                case "/loop":
                    response.StatusCode = 302;
                    response.SetHeader("Location", "/loop");
                    response.End();
                    return;
                case "/gzip" or "/deflate" or "/br":
                    byte[] plain = Encoding.UTF8.GetBytes("zipped");
                    response.SetHeader("Content-Encoding", url[1..]);
                    response.End(url switch
                    {
                        "/gzip" => await Zlib.GzipAsync(loop, plain),
                        "/deflate" => await Zlib.DeflateAsync(loop, plain),
                        _ => await Zlib.BrotliCompressAsync(loop, plain),
                    });
                    return;
                case "/gzip-then-br":
                    response.SetHeader("Content-Encoding", ["gzip", "br"]); // two lines, applied in this order
                    response.End(await Zlib.BrotliCompressAsync(loop, await Zlib.GzipAsync(loop, Encoding.UTF8.GetBytes("zipped"))));
                    return;
                case "/not-gzip":
                    response.SetHeader("Content-Encoding", "gzip");
                    response.End("plain");
                    return;
                case "/headers":
                    response.SetHeader("X-B", ["1", "2"]);
                    response.SetHeader("Set-Cookie", ["a=1", "b=2"]);
                    response.SetHeader("X-A", "z");
                    response.End("{\"name\":\"loop\",\"count\":2}");
                    return;
                case "/user-agent":
                    response.End(request.Headers["user-agent"]);
                    return;
                case "/hold":
                    response.Write("first");
                    return;
            }

            string Header(string name) => request.Headers.GetValueOrDefault(name) ?? "-";
            response.End(
                $"{request.Method} {url} body={body} type={Header("content-type")} auth={Header("authorization")} cookie={Header("cookie")} " +
                $"accept={Header("accept")} encoding={Header("accept-encoding")}");
        });
    }).Listen(0);

    private static string Url(HttpServer server, string path) => $"http://127.0.0.1:{server.LocalEndPoint!.Port}{path}";

    /// <summary>Runs <paramref name="body"/> against a fresh server, then closes it and the loop's agent.</summary>
    private static T Fetching<T>(Func<EventLoop, HttpServer, Task<T>> body) => LoopPrograms.OnLoop(async loop =>
    {
        HttpServer server = StartServer(loop);
        try
        {
            return await body(loop, server);
        }
        finally
        {
            server.Close();
            server.CloseAllConnections(); // a /hold response is never ended: its half-open connection would wait forever
            HttpAgent.Global(loop).Destroy();
        }
    });

    [Fact]
    public void A_get_resolves_to_the_status_headers_and_body_and_sends_fetchs_default_headers()
    {
        // Node fetch: accept */*, accept-encoding gzip, deflate; ok for 2xx; the body read once.
        var seen = Fetching(async (loop, server) =>
        {
            FetchResponse response = await loop.FetchAsync(Url(server, "/echo"));
            string text = await response.TextAsync();
            var again = Record.Exception(() => response.TextAsync().GetAwaiter().GetResult());
            string agent = await (await loop.FetchAsync(Url(server, "/user-agent"))).TextAsync();
            return (response.Status, response.StatusText, response.Ok, response.Redirected, response.Url, text, response.BodyUsed, again, agent);
        });

        Assert.Equal((200, "OK", true, false), (seen.Status, seen.StatusText, seen.Ok, seen.Redirected));
        Assert.EndsWith("/echo", seen.Url, StringComparison.Ordinal);
        Assert.Equal("GET /echo body= type=- auth=- cookie=- accept=*/* encoding=gzip, deflate", seen.text);
        Assert.Equal("loopwire", seen.agent); // where Node's says node
        Assert.True(seen.BodyUsed);
        Assert.IsType<InvalidOperationException>(seen.again);
        Assert.StartsWith("Body is unusable: Body has already been read", seen.again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_are_joined_sorted_and_looked_up_in_any_case_with_set_cookie_apart()
    {
        // Node fetch Headers: lower-case names in order, repeated values joined with ", "; getSetCookie() each apart.
        var seen = Fetching(async (loop, server) =>
        {
            FetchResponse response = await loop.FetchAsync(Url(server, "/headers"));
            JsonElement json = await response.JsonAsync();
            return (
                Names: string.Join(",", response.Headers.Keys),
                B: response.Headers["X-b"],
                Cookie: response.Headers["set-cookie"],
                Cookies: string.Join("|", response.GetSetCookie()),
                Name: json.GetProperty("name").GetString());
        });

        Assert.Equal("content-length,date,keep-alive,connection,set-cookie,x-a,x-b".Split(',').Order(StringComparer.Ordinal), seen.Names.Split(','));
        Assert.Equal(("1, 2", "a=1, b=2", "a=1|b=2", "loop"), (seen.B, seen.Cookie, seen.Cookies, seen.Name));
    }

    [Fact]
    public void Json_reads_into_a_type_with_source_generated_metadata()
    {
        Item? item = Fetching(async (loop, server) => await (await loop.FetchAsync(Url(server, "/headers"))).JsonAsync(FetchJson.Default.Item));

        Assert.Equal(new Item("loop", 2), item);
    }

    [Fact]
    public void A_string_body_is_utf8_text_plain_and_bytes_carry_no_type_of_their_own()
    {
        // Node fetch: a string body's content-type is text/plain;charset=UTF-8 unless the headers give one.
        var texts = Fetching(async (loop, server) =>
        {
            string text = await (await loop.FetchAsync(Url(server, "/echo"), new FetchOptions { Method = "POST", Body = "héllo" })).TextAsync();
            string bytes = await (await loop.FetchAsync(Url(server, "/echo"), new FetchOptions { Method = "PUT", Body = new byte[] { 0x61, 0x62 } })).TextAsync();
            string typed = await (await loop.FetchAsync(Url(server, "/echo"), new FetchOptions
            {
                Method = "POST",
                Body = "{}",
                Headers = [new("Content-Type", "application/json")],
            })).TextAsync();
            return (text, bytes, typed);
        });

        Assert.StartsWith("POST /echo body=héllo type=text/plain;charset=UTF-8 ", texts.text, StringComparison.Ordinal);
        Assert.StartsWith("PUT /echo body=ab type=- ", texts.bytes, StringComparison.Ordinal);
        Assert.StartsWith("POST /echo body={} type=application/json ", texts.typed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/302/echo", "POST", "GET /echo body= type=- auth=secret")]
    [InlineData("/301/echo", "POST", "GET /echo body= type=- auth=secret")]
    [InlineData("/303/echo", "PUT", "GET /echo body= type=- auth=secret")]
    [InlineData("/307/echo", "POST", "POST /echo body=b type=text/plain;charset=UTF-8 auth=secret")]
    [InlineData("/308/echo", "PUT", "PUT /echo body=b type=text/plain;charset=UTF-8 auth=secret")]
    public void A_redirect_is_followed_as_fetch_follows_it(string path, string method, string expected)
    {
        // Node fetch: 301/302 turn a POST, 303 anything but GET/HEAD, into a GET without its body; 307/308 send it again.
        var seen = Fetching(async (loop, server) =>
        {
            FetchResponse response = await loop.FetchAsync(Url(server, path), new FetchOptions
            {
                Method = method,
                Body = "b",
                Headers = [new("Authorization", "secret")],
            });
            return (response.Redirected, response.Url, Text: await response.TextAsync());
        });

        Assert.True(seen.Redirected);
        Assert.EndsWith("/echo", seen.Url, StringComparison.Ordinal);
        Assert.StartsWith(expected, seen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_redirect_to_another_origin_drops_the_credentials()
    {
        // Fetch standard: Authorization is not carried to another origin (here, another port); nor, here, Cookie.
        string text = LoopPrograms.OnLoop(async loop =>
        {
            HttpServer first = StartServer(loop);
            HttpServer second = StartServer(loop);
            FetchResponse response = await loop.FetchAsync(
                Url(first, $"/307/{Url(second, "/echo")}"),
                new FetchOptions { Headers = [new("Authorization", "secret"), new("Cookie", "c=1")] });
            string result = await response.TextAsync();
            first.Close();
            second.Close();
            HttpAgent.Global(loop).Destroy();
            return result;
        });

        Assert.StartsWith("GET /echo body= type=- auth=- cookie=- ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redirect_modes_error_and_manual_and_the_limit_of_twenty()
    {
        // Node fetch: redirect 'error' fails with "unexpected redirect", 'manual' resolves to the 3xx itself, and a
        // 21st redirect fails with "redirect count exceeded".
        var seen = Fetching(async (loop, server) =>
        {
            var refused = await Record.ExceptionAsync(() => loop.FetchAsync(Url(server, "/302/echo"), new FetchOptions { Redirect = FetchRedirect.Error }));
            FetchResponse manual = await loop.FetchAsync(Url(server, "/302/echo"), new FetchOptions { Redirect = FetchRedirect.Manual });
            string manualText = $"{manual.Status} {manual.Headers["location"]} {await manual.TextAsync()} redirected={manual.Redirected}";
            var endless = await Record.ExceptionAsync(() => loop.FetchAsync(Url(server, "/loop")));
            return (refused, manualText, endless);
        });

        Assert.IsType<HttpRequestException>(seen.refused);
        Assert.StartsWith("fetch failed: unexpected redirect", seen.refused.Message, StringComparison.Ordinal);
        Assert.Equal("302 /echo moved redirected=False", seen.manualText);
        Assert.IsType<HttpRequestException>(seen.endless);
        Assert.StartsWith("fetch failed: redirect count exceeded", seen.endless.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/gzip", "gzip")]
    [InlineData("/deflate", "deflate")]
    [InlineData("/br", "br")]
    [InlineData("/gzip-then-br", "gzip, br")]
    public void A_compressed_body_is_decoded(string path, string codings)
    {
        // Node fetch: gzip, deflate and br content codings are undone, the last applied first, however many lines
        // name them; the headers still say how it was sent.
        var seen = Fetching(async (loop, server) =>
        {
            FetchResponse response = await loop.FetchAsync(Url(server, path));
            return (response.Headers["content-encoding"], await response.TextAsync());
        });

        Assert.Equal((codings, "zipped"), seen);
    }

    [Fact]
    public void A_body_that_is_not_what_its_coding_says_fails_the_read_and_a_head_is_not_decoded()
    {
        var seen = Fetching(async (loop, server) =>
        {
            FetchResponse bad = await loop.FetchAsync(Url(server, "/not-gzip"));
            Exception? error = await Record.ExceptionAsync(() => bad.TextAsync());
            FetchResponse head = await loop.FetchAsync(Url(server, "/not-gzip"), new FetchOptions { Method = "HEAD" });
            return (error, Head: await head.TextAsync());
        });

        Assert.IsType<ZlibException>(seen.error);
        Assert.Equal("", seen.Head);
    }

    [Fact]
    public void A_failed_connection_is_fetch_failed_with_the_cause()
    {
        // Node fetch: TypeError "fetch failed" whose cause is the connect error.
        Exception? error = LoopPrograms.OnLoop(async loop =>
        {
            var closed = new TcpServer(loop).Listen(0);
            int port = closed.LocalEndPoint!.Port;
            closed.Close();
            return await Record.ExceptionAsync(() => loop.FetchAsync($"http://127.0.0.1:{port}/"));
        });

        Assert.IsType<HttpRequestException>(error);
        Assert.StartsWith("fetch failed: connect ECONNREFUSED 127.0.0.1:", error!.Message, StringComparison.Ordinal);
        Assert.IsType<NetException>(error.InnerException);
    }

    [Theory]
    [InlineData("/relative", "GET", false, "Failed to parse URL from /relative")]
    [InlineData("ftp://127.0.0.1/", "GET", false, "Failed to parse URL from ftp://127.0.0.1/")]
    [InlineData("http://127.0.0.1:1/", "GET", true, "Request with GET/HEAD method cannot have body")]
    [InlineData("http://127.0.0.1:1/", "HEAD", true, "Request with GET/HEAD method cannot have body")]
    [InlineData("http://127.0.0.1:1/", "connect", false, "'connect' HTTP method is unsupported")]
    public void Bad_arguments_are_refused_before_anything_is_sent(string url, string method, bool withBody, string message)
    {
        Exception? error = LoopPrograms.OnLoop(loop => Task.FromResult(Record.Exception(
            () => { _ = loop.FetchAsync(url, new FetchOptions { Method = method, Body = withBody ? "x" : (FetchBody?)null }); })));

        Assert.IsType<ArgumentException>(error);
        Assert.StartsWith(message, error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelling_before_the_head_cancels_the_fetch_and_after_it_the_body()
    {
        // Node fetch's signal: aborted before the response, fetch rejects; after it, reading the body does.
        var seen = Fetching(async (loop, server) =>
        {
            using var before = new CancellationTokenSource();
            Task<FetchResponse> fetching = loop.FetchAsync(Url(server, "/hold"), cancellationToken: before.Token);
            before.Cancel();
            Exception? early = await Record.ExceptionAsync(() => fetching);

            using var after = new CancellationTokenSource();
            FetchResponse response = await loop.FetchAsync(Url(server, "/hold"), cancellationToken: after.Token);
            Task<string> reading = response.TextAsync();
            after.Cancel();
            Exception? late = await Record.ExceptionAsync(() => reading);
            return (early, late);
        });

        Assert.IsAssignableFrom<OperationCanceledException>(seen.early);
        Assert.IsAssignableFrom<OperationCanceledException>(seen.late);
    }

    [Fact]
    public void An_https_url_is_fetched_over_TLS()
    {
        var certificate = TestCertificates.Server;
        string text = LoopPrograms.OnLoop(async loop =>
        {
            var server = new HttpServer(loop, (_, response) => response.End("secret"),
                new HttpServerOptions { Tls = new TlsServerOptions { Certificate = certificate } }).Listen(0);
            FetchResponse response = await loop.FetchAsync(
                $"https://127.0.0.1:{server.LocalEndPoint!.Port}/",
                new FetchOptions { Tls = new TlsClientOptions { TrustedCertificates = [certificate] } });
            string result = $"{await response.TextAsync()} over {response.Message.Socket.GetType().Name}";
            server.Close();
            HttpAgent.Global(loop).Destroy();
            return result;
        });

        Assert.Equal("secret over TlsSocket", text);
    }

    internal sealed record Item(string Name, int Count);

    [JsonSerializable(typeof(Item))]
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    internal sealed partial class FetchJson : JsonSerializerContext;
}
