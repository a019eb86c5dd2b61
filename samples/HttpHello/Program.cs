// A hello server on Loopwire.Http's HttpServer: every request gets "Hello, World!". Keep-alive, pipelining and Node's
// answers to malformed or oversized requests come with the server. SIGINT or SIGTERM closes the server: idle
// connections close at once, busy ones after their response, any left after a second are destroyed, and the loop
// runs out, so the program exits 0. hello.js beside this file is the Node twin.
//
//   dotnet run -c Release --project samples/HttpHello -- [port]      (0, the default, picks a free port)
using System.Globalization;
using System.Runtime.InteropServices;
using Loopwire;
using Loopwire.Http;

int port = 0;
if (args.Length > 1 || (args.Length == 1 && !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out port)))
{
    Console.Error.WriteLine("usage: HttpHello [port]");
    return 2;
}

ReadOnlyMemory<byte> hello = "Hello, World!"u8.ToArray();
KeyValuePair<string, string>[] headers = [new("Content-Type", "text/plain"), new("Content-Length", "13")];

return EventLoop.RunMain(loop =>
{
    var server = new HttpServer(loop, (request, response) => response.WriteHead(200, headers: headers).End(hello));
    var interrupt = new SignalHandle(loop);
    var terminate = new SignalHandle(loop);

    void Stop()
    {
        if (server.IsClosing)
        {
            return; // SIGINT and SIGTERM both arrived
        }

        interrupt.Close();
        terminate.Close();
        server.Close();
        loop.SetTimeout(server.CloseAllConnections, 1000).Unref(); // the grace hello.js gives too
    }

    server.On.Listening(() => Console.WriteLine($"listening on http://127.0.0.1:{server.LocalEndPoint!.Port}"))
          .On.Error(error =>
          {
              Console.Error.WriteLine(error.Message); // listen EADDRINUSE ends the program; a failed accept is retried
              if (!server.IsListening)
              {
                  loop.ExitCode = 1;
                  Stop();
              }
          });
    interrupt.Start(PosixSignal.SIGINT, Stop);
    terminate.Start(PosixSignal.SIGTERM, Stop);
    server.Listen(port);
});
