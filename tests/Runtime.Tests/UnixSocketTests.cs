using System.Text;
using Loopwire.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Unix domain sockets through TcpServer and TcpSocket, as Node's <c>net</c> serves IPC on a path (libuv's
/// <c>uv_pipe_t</c>): the same events and streams, the path's errors worded as Node's, the socket file removed on close.
/// </summary>
public sealed class UnixSocketTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-unix-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [LinuxFact("Unix domain sockets")]
    public void An_echo_over_a_path_carries_the_bytes_both_ways_and_the_server_removes_its_socket_file_on_close()
    {
        string path = Path.Combine(_directory, "echo.sock");
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        TcpServer server = guard.Track(new TcpServer(loop).Listen(path));
        var events = new List<string>();
        server.On.Connection(socket =>
        {
            guard.Track(socket);
            events.Add($"connection {socket.Path} {socket.RemoteEndPoint?.ToString() ?? "no endpoint"}");
            socket.Pipe(socket);
        });
        Assert.Equal(path, server.Path);
        Assert.Null(server.LocalEndPoint);
        Assert.True(File.Exists(path));

        TcpSocket client = guard.Track(TcpSocket.Connect(loop, path));
        client.SetNoDelay().SetKeepAlive(); // nothing to set on a Unix socket: a no-op, as in Node
        client.On.Connected(() => events.Add("connect"))
              .On.Data(chunk => events.Add("data " + Encoding.UTF8.GetString(chunk.Span)))
              .On.Ended(() => events.Add("end"))
              .On.Error(error => guard.Fail(error.Message))
              .On.Closed(_ => server.Close());
        client.Write("over a path");
        client.End();

        guard.Run();

        // The client's connect can complete before the server's accept runs: a local connect needs no round trip.
        Assert.Contains($"connection {path} no endpoint", events);
        Assert.Equal(["connect", "data over a path", "end"], events.Where(e => !e.StartsWith("connection", StringComparison.Ordinal)));
        Assert.Equal(path, client.Path);
        Assert.False(File.Exists(path));
    }

    [LinuxFact("Unix domain sockets")]
    public void A_path_in_use_or_in_no_directory_and_connecting_where_nothing_is_or_nobody_listens_fail_as_in_Node()
    {
        string taken = Path.Combine(_directory, "taken.sock");
        string missing = Path.Combine(_directory, "missing.sock");
        string stale = Path.Combine(_directory, "stale.sock");
        File.WriteAllText(taken, "");
        File.WriteAllText(stale, ""); // a file nobody listens on
        using var loop = new EventLoop();
        var guard = new NetGuard(loop);
        var errors = new List<string>();
        foreach (string path in new[] { taken, Path.Combine(_directory, "no-such-directory", "x.sock") })
        {
            TcpServer server = guard.Track(new TcpServer(loop).Listen(path));
            server.On.Error(error => errors.Add(error.Message)).On.Error(_ => server.Close());
        }

        foreach (string path in new[] { missing, stale })
        {
            TcpSocket client = guard.Track(TcpSocket.Connect(loop, path));
            client.On.Error(error => errors.Add($"{error.Message} ({((NetException)error).Code}, {((NetException)error).Address})"));
        }

        guard.Run();

        Assert.Equal(
            [
                $"connect ECONNREFUSED {stale} (ECONNREFUSED, {stale})",
                $"connect ENOENT {missing} (ENOENT, {missing})",
                $"listen EADDRINUSE: address already in use {taken}",
                $"listen ENOENT: no such file or directory {Path.Combine(_directory, "no-such-directory", "x.sock")}",
            ],
            errors.Order(StringComparer.Ordinal));
        Assert.True(File.Exists(taken)); // a server that never listened removes nothing
    }

    [Fact]
    public void A_bad_path_throws_at_the_call()
    {
        using var loop = new EventLoop();
        var server = new TcpServer(loop);

        Assert.Equal("path", Assert.Throws<ArgumentException>(() => server.Listen("")).ParamName);
        Assert.Contains("at most 107", Assert.Throws<ArgumentException>(() => server.Listen(new string('x', 108))).Message);
        Assert.Contains("null character", Assert.Throws<ArgumentException>(() => TcpSocket.Connect(loop, "a\0b")).Message);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => TcpSocket.Connect(loop, (string)null!)).ParamName);
        server.Dispose();
        loop.Run();
    }
}
