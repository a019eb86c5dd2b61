using System.Net;
using Loopwire.Net;

namespace Loopwire.Http;

/// <summary>
/// An HTTP/1.1 server on the loop, as Node's <c>http.Server</c>: each request is emitted as <c>request</c> with an
/// <see cref="IncomingMessage"/> to read and a <see cref="ServerResponse"/> to answer, on a <see cref="TcpServer"/>
/// whose connections are parsed and answered on the loop thread; with <see cref="HttpServerOptions.Tls"/>, an HTTPS
/// server, as Node's <c>https.Server</c>, reading them through a <see cref="Net.TlsServer"/>. Keep-alive, pipelining,
/// chunked bodies both ways, <c>Expect: 100-continue</c> and upgrades work as in Node, and so do its limits: a head over
/// <see cref="HttpServerOptions.MaxHeaderSize"/> is answered 431, a malformed request 400, a request slower than
/// <see cref="HttpServerOptions.HeadersTimeout"/> or <see cref="HttpServerOptions.RequestTimeout"/> 408, each with the
/// connection closed, while the other connections go on.
/// </summary>
/// <remarks>
/// Events: <c>request</c>, <c>connection</c> (each new <see cref="TcpSocket"/>, before any TLS handshake),
/// <c>tlsClientError</c> (an HTTPS client whose handshake failed), <c>clientError</c> (bad input or a timeout; with a
/// listener, answering is up to it), <c>checkContinue</c> (with a listener, answering <c>Expect: 100-continue</c> is up
/// to it), <c>upgrade</c> and <c>connect</c> (the socket and the bytes after the head, handed over), <c>listening</c>,
/// <c>error</c>, <c>close</c>. Active while listening, as its <see cref="TcpServer"/> is.
/// </remarks>
[EventEmitter]
public sealed partial class HttpServer
{
    private readonly HashSet<ServerConnection> _connections = [];
    private Timer? _checkTimer;

    /// <summary>Makes a server on <paramref name="loop"/>, as Node's <c>http.createServer([options], [requestListener])</c>; it does nothing until <see cref="Listen(int, string, int)"/>.</summary>
    /// <param name="loop">The loop whose thread runs the server, its connections and its events.</param>
    /// <param name="requestListener">A first <c>request</c> listener, or null.</param>
    /// <param name="options">Limits and timeouts, or null for Node's defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public HttpServer(EventLoop loop, [RunsOnLoop] Action<IncomingMessage, ServerResponse>? requestListener = null, HttpServerOptions? options = null)
    {
        Options = (options ?? new HttpServerOptions()).Validated();
        if (Options.Tls is { } tls)
        {
            // Node's https.Server is a tls.Server: 'connection' has the TCP socket, requests are read once it is secure.
            TlsServer = new TlsServer(loop, tls);
            TcpServer = TlsServer.Transport;
            TcpServer.On.Connection(Connection);
            TlsServer.On.SecureConnection(Serve)
                     .On.TlsClientError(TlsClientError)
                     .On.Listening(Listening)
                     .On.Error(Error)
                     .On.Closed(Closed);
        }
        else
        {
            TcpServer = new TcpServer(loop);
            TcpServer.On.Connection(Serve)
                     .On.Connection(Connection)
                     .On.Listening(Listening)
                     .On.Error(Error)
                     .On.Closed(Closed);
        }

        if (requestListener is not null)
        {
            On.Request(requestListener);
        }
    }

    /// <summary>The loop the server runs on.</summary>
    public EventLoop Loop => TcpServer.Loop;

    /// <summary>The limits and timeouts the server was made with.</summary>
    public HttpServerOptions Options { get; }

    /// <summary>
    /// The TCP server underneath (Node's <c>http.Server</c> is a <c>net.Server</c>), the one under <see cref="TlsServer"/>
    /// for HTTPS: for <see cref="TcpServer.MaxConnections"/>, <see cref="Handle.Unref"/> and the like.
    /// </summary>
    public TcpServer TcpServer { get; }

    /// <summary>The TLS server that an HTTPS server (made with <see cref="HttpServerOptions.Tls"/>) reads requests through; null for plain HTTP.</summary>
    public TlsServer? TlsServer { get; }

    /// <summary>The address and port listened on; null until listening.</summary>
    public IPEndPoint? LocalEndPoint => TcpServer.LocalEndPoint;

    /// <summary>Whether the server is accepting connections (Node's <c>server.listening</c>).</summary>
    public bool IsListening => TcpServer.IsListening;

    /// <summary>Whether <see cref="Close"/> was called: responses say <c>Connection: close</c>, and connections end after them.</summary>
    public bool IsClosing => TcpServer.IsClosing;

    /// <summary>
    /// Listens on <paramref name="host"/>:<paramref name="port"/>, as Node's <c>server.listen(port, host)</c>;
    /// <c>listening</c> follows from the loop, a failure is <c>error</c>. See <see cref="TcpServer.Listen(int, string, int)"/>.
    /// </summary>
    /// <param name="port">The port; 0 picks a free one (<see cref="LocalEndPoint"/> says which).</param>
    /// <param name="host">An IP address literal.</param>
    /// <param name="backlog">The kernel's queue of connections not yet accepted.</param>
    /// <returns>This server.</returns>
    /// <exception cref="ArgumentException">A bad port, host or backlog, as <see cref="TcpServer.Listen(int, string, int)"/> says.</exception>
    /// <exception cref="InvalidOperationException">Already listening, or called off the loop thread.</exception>
    public HttpServer Listen(int port, string host = "127.0.0.1", int backlog = 511)
    {
        TcpServer.Listen(port, host, backlog);
        StartChecking();
        return this;
    }

    /// <summary>Listens on a Unix domain socket at <paramref name="path"/>; otherwise as <see cref="Listen(int, string, int)"/>.</summary>
    /// <param name="path">The socket file's path.</param>
    /// <param name="backlog">The kernel's queue of connections not yet accepted.</param>
    /// <returns>This server.</returns>
    /// <exception cref="ArgumentException">A bad path or backlog.</exception>
    /// <exception cref="InvalidOperationException">Already listening, or called off the loop thread.</exception>
    /// <exception cref="NotSupportedException">The server speaks HTTPS, which runs over TCP only.</exception>
    public HttpServer Listen(string path, int backlog = 511)
    {
        if (TlsServer is not null)
        {
            throw new NotSupportedException($"An HTTPS server listens on TCP only, not on the Unix socket \"{path}\": call Listen(port, host).");
        }

        TcpServer.Listen(path, backlog);
        StartChecking();
        return this;
    }

    /// <summary>
    /// Stops accepting connections and closes the idle ones, as Node's <c>server.close()</c> (since Node 19): a
    /// connection with a request under way ends after its response, which says <c>Connection: close</c>. <c>close</c>
    /// is emitted, and <paramref name="callback"/> runs, once the last connection has closed.
    /// </summary>
    /// <param name="callback">Runs on the loop thread once the listening socket is closed, or null.</param>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Close([RunsOnLoop] Action? callback = null)
    {
        TcpServer.Close(callback);
        _checkTimer?.Close();
        _checkTimer = null;
        CloseIdleConnections();
    }

    /// <summary>Closes every connection with no request under way and no response pending (Node's <c>closeIdleConnections</c>).</summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void CloseIdleConnections()
    {
        Loop.VerifyLoopThread();
        foreach (ServerConnection connection in _connections.ToArray())
        {
            connection.CloseIfIdle();
        }
    }

    /// <summary>Destroys every connection now, busy or not (Node's <c>closeAllConnections</c>): their responses are cut off.</summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void CloseAllConnections()
    {
        Loop.VerifyLoopThread();
        foreach (ServerConnection connection in _connections.ToArray())
        {
            connection.Destroy();
        }
    }

    /// <summary>A request's head arrived; its body follows on the message.</summary>
    [Event] partial void Request(IncomingMessage request, ServerResponse response);

    /// <summary>A client connected: the TCP socket, before any TLS handshake.</summary>
    [Event] partial void Connection(TcpSocket socket);

    /// <summary>An HTTPS client failed before its handshake completed (Node's <c>tlsClientError</c>); only that connection is closed.</summary>
    [Event("tlsClientError")] partial void TlsClientError(Exception error, TlsSocket socket);

    /// <summary>A client sent bad input or was too slow. With a listener, answering and closing the socket is up to it; without, Node's answer is sent and the socket closed.</summary>
    [Event] partial void ClientError(Exception error, INetSocket socket);

    /// <summary>A request asked <c>Expect: 100-continue</c>. With a listener, it decides (write <c>HTTP/1.1 100 Continue</c> or answer at once); without, the server sends 100 Continue and emits <c>request</c>.</summary>
    [Event] partial void CheckContinue(IncomingMessage request, ServerResponse response);

    /// <summary>A request asked to upgrade the connection: it is handed over with the bytes after the head, and the server forgets it. Without a listener, the request is an ordinary one.</summary>
    [Event] partial void Upgrade(IncomingMessage request, INetSocket socket, ReadOnlyMemory<byte> head);

    /// <summary>A CONNECT request: the socket is handed over with the bytes after the head. Without a listener, the connection is closed.</summary>
    [Event("connect")] partial void ConnectRequest(IncomingMessage request, INetSocket socket, ReadOnlyMemory<byte> head);

    /// <summary>The server is listening.</summary>
    [Event] partial void Listening();

    /// <summary>Listening failed, or an accept did: the listening socket's error.</summary>
    [Event] partial void Error(Exception error);

    /// <summary>The server closed, and so did its last connection.</summary>
    [Event("close")] partial void Closed();

    internal void EmitRequest(IncomingMessage request, ServerResponse response) => Request(request, response);

    /// <summary>Emits <c>checkContinue</c>; false when nobody listens, and the server should answer itself.</summary>
    internal bool EmitCheckContinue(IncomingMessage request, ServerResponse response)
    {
        if (Listeners.CheckContinue.Count == 0)
        {
            return false;
        }

        CheckContinue(request, response);
        return true;
    }

    /// <summary>Emits <c>clientError</c>; false when nobody listens, and the connection should answer itself.</summary>
    internal bool EmitClientError(Exception error, INetSocket socket)
    {
        if (Listeners.ClientError.Count == 0)
        {
            return false;
        }

        ClientError(error, socket);
        return true;
    }

    internal bool HasUpgradeListener(bool connect) => (connect ? Listeners.ConnectRequest.Count : Listeners.Upgrade.Count) > 0;

    internal void EmitUpgrade(bool connect, IncomingMessage request, INetSocket socket, ReadOnlyMemory<byte> head)
    {
        if (connect)
        {
            ConnectRequest(request, socket, head);
        }
        else
        {
            Upgrade(request, socket, head);
        }
    }

    /// <summary>A connection closed, or was handed to an upgrade: the server no longer tracks it.</summary>
    internal void Forget(ServerConnection connection) => _connections.Remove(connection);

    /// <summary>Reads requests from a new connection: a TCP socket, or a TLS one once its handshake is done.</summary>
    private void Serve(INetSocket socket) => _connections.Add(new ServerConnection(this, socket));

    /// <summary>Node's <c>connectionsCheckingInterval</c> timer: one for all connections, not one each, and unref'd so it never keeps the loop alive.</summary>
    private void StartChecking()
    {
        if (_checkTimer is null && (Options.HeadersTimeout > 0 || Options.RequestTimeout > 0))
        {
            _checkTimer = Loop.SetInterval(CheckConnections, Options.ConnectionsCheckingInterval);
            _checkTimer.Unref();
        }
    }

    private void CheckConnections()
    {
        long now = Loop.Now;
        foreach (ServerConnection connection in _connections.ToArray())
        {
            connection.CheckTimeouts(now);
        }
    }
}
