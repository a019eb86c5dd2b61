// Node's fetch on the loop: a server and fetch on one loop; a redirect followed, JSON posted and read back, a gzip'ed
// body decoded, and a 404 that is not ok. fetch.js is the Node twin.
using System.Text;
using System.Text.Json;
using Loopwire;
using Loopwire.Http;

return EventLoop.RunMain(async loop =>
{
    byte[] zipped = await Zlib.GzipAsync(loop, Encoding.UTF8.GetBytes("compressed on the wire"));
    var server = new HttpServer(loop, (request, response) =>
    {
        var body = new StringBuilder();
        request.On.Data(chunk => body.Append(Encoding.UTF8.GetString(chunk.Span))).On.Ended(() =>
        {
            switch (request.Url)
            {
                case "/old":
                    response.StatusCode = 301;
                    response.SetHeader("Location", "/new");
                    response.End();
                    break;
                case "/new":
                    response.End("you found it");
                    break;
                case "/echo":
                    using (JsonDocument sent = JsonDocument.Parse(body.ToString()))
                    {
                        response.SetHeader("Content-Type", "application/json");
                        response.End(JsonSerializer.Serialize(sent.RootElement.GetProperty("name").GetString()!.ToUpperInvariant()));
                    }

                    break;
                case "/zipped":
                    response.SetHeader("Content-Encoding", "gzip");
                    response.End(zipped);
                    break;
                default:
                    response.StatusCode = 404;
                    response.End("no such page");
                    break;
            }
        });
    }).Listen(0);
    string url = $"http://127.0.0.1:{server.LocalEndPoint!.Port}";

    FetchResponse moved = await loop.FetchAsync(url + "/old");
    Console.WriteLine($"GET /old: {moved.Status} {moved.StatusText}, redirected: {moved.Redirected}, to {new Uri(moved.Url).AbsolutePath}, \"{await moved.TextAsync()}\"");

    FetchResponse echoed = await loop.FetchAsync(url + "/echo", new FetchOptions
    {
        Method = "POST",
        Headers = [new("Content-Type", "application/json")],
        Body = """{"name":"event loop"}""",
    });
    JsonElement name = await echoed.JsonAsync();
    Console.WriteLine($"POST /echo: {echoed.Status}, {echoed.Headers["content-type"]}, {name.GetString()}");

    FetchResponse decoded = await loop.FetchAsync(url + "/zipped");
    Console.WriteLine($"GET /zipped: {decoded.Status}, sent as {decoded.Headers["content-encoding"]}, \"{await decoded.TextAsync()}\"");

    FetchResponse missing = await loop.FetchAsync(url + "/missing");
    Console.WriteLine($"GET /missing: {missing.Status} {missing.StatusText}, ok: {missing.Ok}, \"{await missing.TextAsync()}\"");
    server.Close();
});
