// An echo server and, in the same process, a client that sends a few lines, prints what comes back and ends;
// then everything closes and the program exits 0. echo.js beside this file is the Node twin and prints the same
// lines. Lines are printed only where the order is fixed by cause and effect: the server's accept and the client's
// connect complete on different threads, so only one of the two is printed, and the echoes, which may arrive in any
// number of chunks, are printed once the client has them all.
using System.Text;
using Loopwire;
using Loopwire.Net;

string[] lines = ["hello", "event loop", "bye"];

return EventLoop.RunMain(loop =>
{
    var server = new TcpServer(loop);
    server.On.Connection(socket =>
    {
        socket.Pipe(socket); // every chunk written back, with backpressure; the client's end ends our side
        socket.On.Ended(() => Console.WriteLine($"server: client ended after {socket.BytesRead} bytes"));
    });
    server.On.Closed(() => Console.WriteLine("server: closed"));
    server.On.Listening(() =>
    {
        Console.WriteLine("server: listening");
        TcpSocket client = TcpSocket.Connect(loop, server.LocalEndPoint!.Port);
        var received = new StringBuilder();
        client.On.Connected(() =>
        {
            Console.WriteLine("client: connected");
            foreach (string line in lines)
            {
                client.Write(line + "\n");
            }

            client.End(); // the server ends its side in turn, after its 'end' listener: both then close
        });
        client.On.Data(chunk => received.Append(Encoding.UTF8.GetString(chunk.Span)));
        client.On.Ended(() =>
        {
            foreach (string line in received.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Console.WriteLine($"client: echo '{line}'");
            }
        });
        client.On.Closed(hadError =>
        {
            Console.WriteLine($"client: closed, hadError {(hadError ? "true" : "false")}");
            server.Close();
        });
    });
    server.Listen(0);
});
