// A minimal HTTP/1.1 server on TcpServer: every request gets "Hello, World!", with keep-alive and pipelining, and
// malformed or oversized requests get Node's error responses. SIGINT or SIGTERM closes the server, ends the open
// connections and lets the loop run out, so the program exits 0. hello.js beside this file is the Node twin.
//
//   dotnet run -c Release --project samples/HttpHello -- [port]      (0, the default, picks a free port)
using System.Globalization;
using System.Runtime.InteropServices;
using Loopwire;
using Loopwire.Net;
using Loopwire.Samples.HttpHello;

int port = 0;
if (args.Length > 1 || (args.Length == 1 && !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out port)))
{
    Console.Error.WriteLine("usage: HttpHello [port]");
    return 2;
}

return EventLoop.RunMain(loop =>
{
    var connections = new HashSet<HttpConnection>();
    Action<HttpConnection> forget = connection => connections.Remove(connection);
    var server = new TcpServer(loop);
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
        foreach (HttpConnection connection in connections.ToArray())
        {
            connection.Shutdown();
        }
    }

    server.On.Connection(socket => connections.Add(new HttpConnection(loop, socket, forget)))
          .On.Listening(() => Console.WriteLine($"listening on http://127.0.0.1:{server.LocalEndPoint!.Port}"))
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
