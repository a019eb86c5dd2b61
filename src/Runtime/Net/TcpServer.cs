using System.Net;
using System.Net.Sockets;
using Loopwire.Internal;

namespace Loopwire.Net;

/// <summary>
/// A TCP server on the loop: Node's <c>net.Server</c> over libuv's <c>uv_tcp_t</c>; or, listening on a path, a Unix
/// domain socket server (Node's IPC server, libuv's <c>uv_pipe_t</c>). On the epoll backend connections
/// are accepted on the loop thread when the kernel reports them waiting; on the portable backend accepts run on
/// .NET's socket threads and complete on the loop. Each connection is emitted as a <see cref="TcpSocket"/> from the
/// poll phase.
/// Active, and so keeping a ref'd loop alive, while listening (L1, L2).
/// </summary>
/// <remarks>
/// Events: <c>listening</c> (from the loop, after <see cref="Listen(int, string, int)"/> returns), <c>connection</c>, <c>drop</c> (a
/// connection refused at <see cref="MaxConnections"/>), <c>error</c>
/// (a failed listen, as <c>listen EADDRINUSE: address already in use 127.0.0.1:80</c>, or a failed accept) and
/// <c>close</c>. <see cref="Handle.Close"/> stops accepting at once and leaves the accepted sockets open, as Node's
/// <c>server.close()</c>: its callback runs in the close phase of that iteration (L10), and <c>close</c> is emitted
/// there too when no connection is open, or else after the last one's <c>close</c>, as in Node.
/// </remarks>
[EventEmitter]
public sealed partial class TcpServer : Handle
{
    private const int AcceptBackoffMilliseconds = 100;

    private Socket? _listener;
    private IListenerIo? _io;
    private NetException? _listenError; // a failed listen, until emitted
    private Timer? _backoff;
    private int? _maxConnections;

    /// <summary>Creates a server on <paramref name="loop"/>; it does nothing until <see cref="Listen(int, string, int)"/>.</summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public TcpServer(EventLoop loop)
        : base(loop)
    {
    }

    /// <summary>The address and port listened on (the port chosen when 0 was asked for); null until listening, and for a Unix socket.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>The Unix socket's path, for a server listening on one (<see cref="Listen(string, int)"/>); otherwise null.</summary>
    public string? Path { get; private set; }

    /// <summary>Whether the server is accepting connections (Node's <c>server.listening</c>).</summary>
    public bool IsListening => _listener is not null && !IsClosing;

    /// <summary>The accepted connections not yet closed, including those outliving the server's own close.</summary>
    public int ConnectionCount { get; private set; }

    /// <summary>
    /// Calls <paramref name="callback"/> with <see cref="ConnectionCount"/> after the current callback, as Node's
    /// <c>server.getConnections</c> does; the error is always null (Node's is for cluster workers).
    /// </summary>
    /// <param name="callback">Gets the error (null) and the count; runs on the loop thread.</param>
    /// <returns>This server, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public TcpServer GetConnections([RunsOnLoop] Action<Exception?, int> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Loop.NextTick(() => callback(null, ConnectionCount));
        return this;
    }

    /// <summary>
    /// The most connections open at once (Node's <c>server.maxConnections</c>); null, the default, for no limit. A
    /// connection accepted at the limit is closed at once and reported as <c>drop</c> with the peer's address, as in
    /// Node; it never becomes a <see cref="TcpSocket"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    /// <exception cref="InvalidOperationException">Set off the loop thread.</exception>
    public int? MaxConnections
    {
        get => _maxConnections;
        set
        {
            Loop.VerifyLoopThread();
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxConnections must be 0 or more, or null for no limit.");
            }

            _maxConnections = value;
        }
    }

    /// <summary>
    /// Binds to <paramref name="host"/>:<paramref name="port"/> and starts accepting, as Node's
    /// <c>server.listen(port, host, backlog)</c>. <see cref="LocalEndPoint"/> is known when this returns;
    /// <c>listening</c> is emitted from the loop, not inside this call. A bind or listen that fails is emitted as
    /// <c>error</c> from the loop, not thrown, as in Node; the server may then listen again.
    /// </summary>
    /// <param name="port">The port, 0 to 65535; 0 picks any free port.</param>
    /// <param name="host">An IPv4 or IPv6 address literal; names are not looked up.</param>
    /// <param name="backlog">The kernel's queue length for connections not yet accepted (libuv's default, 511).</param>
    /// <returns>This server, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 0 to 65535, or <paramref name="backlog"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="host"/> is not an IP address literal.</exception>
    /// <exception cref="InvalidOperationException">The server is already listening, or called off the loop thread.</exception>
    /// <exception cref="ObjectDisposedException">The server is closed.</exception>
    public TcpServer Listen(int port, string host = "127.0.0.1", int backlog = 511)
    {
        VerifyNotListening();
        IPEndPoint endPoint = NetArguments.ForListen(port, host);
        ArgumentOutOfRangeException.ThrowIfNegative(backlog);
        return Listen(new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp), endPoint, backlog);
    }

    /// <summary>
    /// Binds a Unix domain socket to <paramref name="path"/> and starts accepting, as Node's
    /// <c>server.listen(path)</c> (an IPC server; libuv's <c>uv_pipe_t</c>): otherwise as <see cref="Listen(int, string, int)"/>.
    /// The connections it accepts are <see cref="TcpSocket"/>s too, with <see cref="TcpSocket.Path"/> set and no
    /// endpoints. A path that exists already is <c>listen EADDRINUSE</c>, as in Node; the socket file is removed when
    /// the server closes, as libuv removes it (.NET's socket deletes the file it bound when disposed).
    /// </summary>
    /// <param name="path">The socket file's path: at most 107 bytes in UTF-8.</param>
    /// <param name="backlog">The kernel's queue length for connections not yet accepted (libuv's default, 511).</param>
    /// <returns>This server, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, too long, or contains a null character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="backlog"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The server is already listening, or called off the loop thread.</exception>
    /// <exception cref="ObjectDisposedException">The server is closed.</exception>
    public TcpServer Listen(string path, int backlog = 511)
    {
        VerifyNotListening();
        UnixDomainSocketEndPoint endPoint = NetArguments.ForPath(path);
        ArgumentOutOfRangeException.ThrowIfNegative(backlog);
        return Listen(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), endPoint, backlog);
    }

    private void VerifyNotListening()
    {
        Loop.VerifyLoopThread();
        ThrowIfClosing();
        if (_listener is not null || _listenError is not null)
        {
            string where = Path ?? LocalEndPoint?.ToString() ?? "";
            throw new InvalidOperationException(
                $"listen: this TcpServer is already listening{(where.Length == 0 ? "" : $" on {where}")}; a server listens once (Node's ERR_SERVER_ALREADY_LISTEN).");
        }
    }

    private TcpServer Listen(Socket socket, EndPoint endPoint, int backlog)
    {
        try
        {
            if (endPoint is IPEndPoint)
            {
                ReuseAddress.Set(socket);
            }

            socket.Bind(endPoint);
            socket.Listen(backlog);
        }
        catch (SocketException error)
        {
            socket.Dispose();
            _listenError = NetErrors.Listen(error.SocketErrorCode, endPoint);
            SetActive(true); // until the error is emitted
            Loop.Inbox.Enqueue(LoopCallback.ForTarget(static target => ((TcpServer)target!).OnListenFailed(), this));
            return this;
        }

        _listener = socket;
        _io = IListenerIo.Create(this, socket);
        LocalEndPoint = socket.LocalEndPoint as IPEndPoint;
        Path = (endPoint as UnixDomainSocketEndPoint)?.ToString();
        SetActive(true);
        Loop.Inbox.Enqueue(LoopCallback.ForTarget(static target => ((TcpServer)target!).OnListening(), this));
        _io.Accept();
        return this;
    }

    /// <summary>An accepted socket closed.</summary>
    internal void ConnectionClosed()
    {
        ConnectionCount--;
        if (ConnectionCount == 0 && IsClosed)
        {
            // The last connection of a closed server: 'close' follows the socket's own, as Node's emitCloseIfDrained.
            Loop.NextTick(static server => server.Closed(), this);
        }
    }

    /// <summary>
    /// An accept completed (<see cref="IListenerIo"/>). The next accept starts before <c>connection</c> is emitted, so
    /// a throwing listener cannot stop the server; a client that left before its accept is skipped, as libuv skips
    /// ECONNABORTED.
    /// </summary>
    internal void OnAccepted(Socket? accepted, SocketError error)
    {
        if (IsClosing || error != SocketError.Success)
        {
            accepted?.Dispose();
        }

        if (IsClosing)
        {
            return;
        }

        switch (error)
        {
            case SocketError.Success when ConnectionCount >= _maxConnections:
                IPEndPoint? peer = TcpSocket.EndPointOf(accepted!, remote: true);
                accepted!.Dispose();
                _io!.Accept();
                Dropped(peer);
                break;
            case SocketError.Success:
                TcpSocket socket = TcpSocket.Accept(this, accepted!);
                ConnectionCount++;
                _io!.Accept();
                Connection(socket);
                break;
            case SocketError.ConnectionAborted or SocketError.ConnectionReset:
                _io!.Accept();
                break;
            case SocketError.TooManyOpenSockets:
                // Out of descriptors: wait for connections to close and free some, rather than spin on the error.
                BackOff();
                break;
            default:
                BackOff();
                Error(NetErrors.Failed("accept", error));
                break;
        }
    }

    private protected override void OnClosing()
    {
        // An accept in flight is aborted; its completion, still to come, finds the server closing.
        _io?.Close();
        _listener?.Dispose();
        Loop.ClearTimeout(_backoff);
        _backoff = null;
    }

    private protected override void OnClosed()
    {
        if (ConnectionCount == 0)
        {
            Closed();
        }
    }

    private void OnListening()
    {
        // As Node's emitListeningNT: a server closed before the loop got here does not emit it.
        if (!IsClosing)
        {
            Listening();
        }
    }

    private void OnListenFailed()
    {
        NetException error = _listenError!;
        _listenError = null;
        if (!IsClosing)
        {
            SetActive(false);
            Error(error);
        }
    }

    private void BackOff() =>
        _backoff = Loop.SetTimeout(static server => server.ResumeAccepting(), this, AcceptBackoffMilliseconds);

    private void ResumeAccepting()
    {
        _backoff = null;
        _io!.Accept();
    }

    [Event("listening")]
    private partial void Listening();

    [Event("connection")]
    private partial void Connection(TcpSocket socket);

    [Event("drop")]
    private partial void Dropped(IPEndPoint? remote);

    [Event]
    private partial void Error(Exception error);

    [Event("close")]
    private partial void Closed();
}
