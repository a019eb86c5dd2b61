// Node's http client on the loop: a server and its client on one loop; GET, a POST with a body and a 404, each
// request's body read whole, on one socket the global agent keeps alive between them. get.js is the Node twin.
using System.Text;
using Loopwire;
using Loopwire.Http;

return EventLoop.RunMain(async loop =>
{
    var server = new HttpServer(loop, (request, response) =>
    {
        switch (request.Url)
        {
            case "/hello":
                response.SetHeader("Content-Type", "text/plain");
                response.End("Hello, World!");
                break;
            case "/shout":
                var body = new StringBuilder();
                request.On.Data(chunk => body.Append(Encoding.UTF8.GetString(chunk.Span)))
                       .On.Ended(() => response.End(body.ToString().ToUpperInvariant()));
                break;
            default:
                response.StatusCode = 404;
                response.End("no such page");
                break;
        }
    }).Listen(0);
    string url = $"http://127.0.0.1:{server.LocalEndPoint!.Port}";

    await Fetch(ClientRequest.Get(loop, url + "/hello"));

    var shout = new ClientRequest(loop, ClientRequestOptions.FromUrl(url + "/shout") with { Method = "POST" });
    shout.Write("event ");
    shout.End("loop");
    await Fetch(shout);

    await Fetch(ClientRequest.Get(loop, url + "/missing"));
    server.Close();
});

// Prints a request's answer once its body was read and the request closed: its socket is then the agent's again.
static async Task Fetch(ClientRequest request)
{
    var closed = new TaskCompletionSource();
    request.On.Closed(closed.SetResult);
    IncomingMessage response = await request.Next.Response();
    var body = new StringBuilder();
    await foreach (ReadOnlyMemory<byte> chunk in response.ReadAllAsync())
    {
        body.Append(Encoding.UTF8.GetString(chunk.Span));
    }

    await closed.Task;
    string type = response.Headers.GetValueOrDefault("content-type", "no type");
    Console.WriteLine($"{request.Method} {request.Path}: {response.StatusCode} {response.StatusMessage}, {type}, \"{body}\", reused socket: {(request.ReusedSocket ? "yes" : "no")}");
}
