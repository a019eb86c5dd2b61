using System.Text;
using Loopwire.Http;
using Loopwire.Net;

namespace Loopwire.Tests.Support;

/// <summary>
/// A TCP server on the loop that answers each HTTP request head with whatever bytes a test scripts (or nothing), and
/// records every byte each connection sent: for client tests that need a server Loopwire's own would never be (one
/// that hangs up, sends garbage, a 1xx or an upgrade) and for comparing what a client sends byte for byte.
/// </summary>
internal sealed class ScriptedHttpServer
{
    private readonly TcpServer _server;
    private readonly List<TaskCompletionSource<string>> _connections = [];
    private int _requests;
    private int _accepted;

    /// <param name="loop">The loop, on its thread.</param>
    /// <param name="answer">Called with the connection and the request's number (from 0, across connections) once each request's head arrived.</param>
    public ScriptedHttpServer(EventLoop loop, Action<TcpSocket, int> answer)
    {
        _server = new TcpServer(loop);
        _server.On.Connection(socket => Serve(socket, answer));
        _server.Listen(0);
    }

    /// <summary>An answer that ends the connection: 200 with no body and <c>Connection: close</c>.</summary>
    public static string Close200 => "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

    public int Port => _server.LocalEndPoint!.Port;

    /// <summary>How many connections were accepted.</summary>
    public int ConnectionCount => _accepted;

    /// <summary>Every byte connection <paramref name="index"/> sent (Latin-1), once it ended or closed.</summary>
    public Task<string> Received(int index)
    {
        while (_connections.Count <= index)
        {
            _connections.Add(new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return _connections[index].Task;
    }

    public void Close() => _server.Close();

    private void Serve(TcpSocket socket, Action<TcpSocket, int> answer)
    {
        int index = _accepted++;
        _ = Received(index);
        TaskCompletionSource<string> done = _connections[index];
        var received = new StringBuilder();
        var parser = new HttpParser(HttpParserKind.Request);
        socket.On.Data(chunk =>
        {
            received.Append(Encoding.Latin1.GetString(chunk.Span));
            ReadOnlySpan<byte> data = chunk.Span;
            while (true)
            {
                HttpParseStep step = parser.Read(data, out int consumed);
                data = data[consumed..];
                if (step == HttpParseStep.HeadComplete)
                {
                    answer(socket, _requests++);
                }
                else if (step is HttpParseStep.NeedMore or HttpParseStep.Error || socket.IsClosing)
                {
                    return;
                }
            }
        });
        socket.On.Ended(() => done.TrySetResult(received.ToString()));
        socket.On.Closed(_ => done.TrySetResult(received.ToString()));
        socket.On.Error(_ => { });
    }
}
