using System.Net;
using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>
/// A TCP connection on the loop: Node's <c>net.Socket</c> over libuv's <c>uv_tcp_t</c>; or, connected to a path, a Unix
/// domain socket connection (libuv's <c>uv_pipe_t</c>). On the epoll backend the
/// socket is read and written on the loop thread when the kernel reports it ready, as libuv does; on the portable
/// backend reads and writes run on .NET's socket threads and complete on the loop. Either way they complete in the
/// poll phase, and every event is emitted on the loop thread.
/// Made by <see cref="Connect(EventLoop, int, string)"/>, or by a <see cref="TcpServer"/> for each connection it accepts. Active, and so
/// keeping a ref'd loop alive, from creation until closed (L1, L2).
/// </summary>
/// <remarks>
/// <para>
/// Events, in Node's order: <c>connect</c> (a connection made by <see cref="Connect(EventLoop, int, string)"/> is established) and
/// <c>ready</c> right after it, <c>data</c>
/// (a chunk arrived), <c>end</c> (the peer ended its side), <c>drain</c> (the write queue emptied after
/// <see cref="Write(ReadOnlyMemory{byte})"/> returned false), <c>finish</c> (after <see cref="End"/>, every queued
/// byte was sent and this side shut down), <c>error</c>, then <c>close</c> (with whether an error
/// closed it) in the loop's close phase (L10). An <c>error</c> with no listener is thrown to the loop as an uncaught
/// exception (E2), as in Node; <c>close</c> is still emitted.
/// </para>
/// <para>
/// The socket reads from the start, but a chunk that arrives while it has no <c>data</c> listener is held, and no
/// further read is made, until one is added (it then gets the chunk after the current callback): as in Node, where a
/// socket without one stays paused, no byte is lost, and the peer's writes back up through TCP's flow control. As in
/// Node, <c>end</c> then waits for the held bytes to be read: a socket that only writes should still listen for
/// <c>data</c>.
/// </para>
/// <para>
/// When the peer ends its side, the socket ends its own after the <c>end</c> listeners run (Node's default,
/// <c>allowHalfOpen: false</c>), so writes made in an <c>end</c> listener are still sent; set
/// <see cref="AllowHalfOpen"/> to keep writing until you call <see cref="End"/>. Once both sides have ended, the
/// socket closes with <c>close(false)</c>.
/// </para>
/// </remarks>
[EventEmitter]
public sealed partial class TcpSocket : Handle, INetSocket, IFreshChunkSource
{
    /// <summary>The default <see cref="HighWaterMark"/>: 16 KiB, Node's default for a socket's writable side.</summary>
    public const int DefaultHighWaterMark = 16 * 1024;

    private readonly TcpServer? _server;
    private Socket _socket; // replaced only while connecting to a looked-up name: one socket per address tried
    private IStreamIo _io;
    private Exception? _destroyError;
    private bool _allowHalfOpen;
    private bool? _noDelay;   // as set, so that a replaced socket gets it too
    private bool? _keepAlive;

    private TcpSocket(EventLoop loop, Socket socket, TcpServer? server)
        : base(loop)
    {
        _socket = socket;
        _server = server;
        _io = IStreamIo.Create(this, socket);
        On.NewListener(OnNewListener);
        SetActive(true);
    }

    /// <summary>The peer's address and port; null until connected, and on a Unix socket.</summary>
    public IPEndPoint? RemoteEndPoint { get; private set; }

    /// <summary>This end's address and port; null until connected, and on a Unix socket.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>The Unix socket's path: connected to (<see cref="Connect(EventLoop, string)"/>) or accepted on; null for TCP.</summary>
    public string? Path { get; private set; }

    /// <summary>
    /// Whether the socket stays writable after the peer ends its side (Node's <c>allowHalfOpen</c>). False by default:
    /// the socket then ends its own side once the <c>end</c> listeners have run.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set off the loop thread.</exception>
    public bool AllowHalfOpen
    {
        get => _allowHalfOpen;
        set
        {
            Loop.VerifyLoopThread();
            _allowHalfOpen = value;
        }
    }

    /// <summary>
    /// Opens a connection to <paramref name="host"/>:<paramref name="port"/>, as Node's <c>net.connect(port, host)</c>:
    /// the socket is returned at once and emits <c>connect</c> from the loop once connected, or <c>error</c>
    /// (<c>connect ECONNREFUSED 127.0.0.1:1234</c>) then <c>close(true)</c>. Writes and <see cref="End"/> made before
    /// then are queued and sent once connected. A name is looked up first (<c>lookup</c> is emitted for each address
    /// tried), and its addresses are tried in the resolver's order until one connects, as Node's
    /// <c>autoSelectFamily</c> does, one at a time.
    /// </summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <param name="port">The port, 1 to 65535.</param>
    /// <param name="host">An IPv4 or IPv6 address literal, or a name to look up (<c>localhost</c>).</param>
    /// <returns>The connecting socket.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="host"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 1 to 65535.</exception>
    /// <exception cref="ArgumentException"><paramref name="host"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static TcpSocket Connect(EventLoop loop, int port, string host = "127.0.0.1")
    {
        ArgumentNullException.ThrowIfNull(loop);
        loop.VerifyLoopThread();
        if (!NetArguments.TryForConnect(port, host, out IPEndPoint? remote))
        {
            // The family is known once the name is: this socket is replaced if the address is IPv6.
            var named = new TcpSocket(loop, new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp), server: null);
            named.BeginLookup(host, port);
            return named;
        }

        var socket = new TcpSocket(loop, new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp), server: null);
        socket.BeginConnect(remote);
        return socket;
    }

    /// <summary>
    /// Opens a connection to the Unix domain socket at <paramref name="path"/>, as Node's <c>net.connect(path)</c> (IPC;
    /// libuv's <c>uv_pipe_connect</c>): otherwise as <see cref="Connect(EventLoop, int, string)"/>. No socket file there
    /// is <c>connect ENOENT /tmp/app.sock</c>, and one nobody listens on <c>connect ECONNREFUSED …</c>, each then
    /// <c>close(true)</c>.
    /// </summary>
    /// <param name="loop">The loop that runs the socket, on its own thread.</param>
    /// <param name="path">The socket file's path: at most 107 bytes in UTF-8.</param>
    /// <returns>The socket, connecting.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, too long, or contains a null character.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static TcpSocket Connect(EventLoop loop, string path)
    {
        ArgumentNullException.ThrowIfNull(loop);
        loop.VerifyLoopThread();
        UnixDomainSocketEndPoint remote = NetArguments.ForPath(path);
        var socket = new TcpSocket(loop, new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), server: null) { Path = path };
        socket.BeginConnect(remote);
        return socket;
    }

    /// <summary>
    /// Sets <c>TCP_NODELAY</c>: true sends small writes at once instead of coalescing them (Nagle's algorithm off),
    /// as Node's <c>socket.setNoDelay</c>. Does nothing on a closed socket or a Unix socket, as in Node.
    /// </summary>
    /// <param name="noDelay">Whether to turn Nagle's algorithm off.</param>
    /// <returns>This socket, for chaining.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public TcpSocket SetNoDelay(bool noDelay = true)
    {
        Loop.VerifyLoopThread();
        if (!IsClosing && Path is null)
        {
            _noDelay = noDelay;
            _socket.NoDelay = noDelay;
        }

        return this;
    }

    /// <summary>
    /// Sets <c>SO_KEEPALIVE</c>, with the system's probe timing, as Node's <c>socket.setKeepAlive(enable)</c>. Does
    /// nothing on a closed socket or a Unix socket, as in Node.
    /// </summary>
    /// <param name="enable">Whether to send keep-alive probes on an idle connection.</param>
    /// <returns>This socket, for chaining.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public TcpSocket SetKeepAlive(bool enable = true)
    {
        Loop.VerifyLoopThread();
        if (!IsClosing && Path is null)
        {
            _keepAlive = enable;
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, enable);
        }

        return this;
    }

    /// <summary>
    /// Closes the socket now, as Node's <c>socket.destroy(error)</c>: queued writes are discarded, and in the close
    /// phase <c>error</c> is emitted with <paramref name="error"/> (if given), then <c>close</c> with whether there
    /// was one. Does nothing on a socket already closing, as in Node; <see cref="Handle.Close"/> is
    /// <c>Destroy()</c> with a close callback.
    /// </summary>
    /// <param name="error">The error to emit, or null to close without one.</param>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Destroy(Exception? error = null)
    {
        Loop.VerifyLoopThread();
        if (!IsClosing)
        {
            _destroyError = error;
            Close();
        }
    }

    /// <summary>A connection <paramref name="server"/> accepted: connected, and reading already.</summary>
    internal static TcpSocket Accept(TcpServer server, Socket accepted)
    {
        var socket = new TcpSocket(server.Loop, accepted, server)
        {
            RemoteEndPoint = EndPointOf(accepted, remote: true),
            LocalEndPoint = EndPointOf(accepted, remote: false),
            Path = server.Path,
        };
        socket.StartReceive();
        return socket;
    }

    private protected override void OnClosing()
    {
        // A receive or send in flight is aborted; its completion, still to come, frees its buffer then.
        StopIdleTimer();
        _io.Close();
        _socket.Dispose();
        if (!_receiving || _held)
        {
            ReleaseReadBuffer();
        }

        if (!_sending && !_connecting)
        {
            _writes.Clear();
        }
    }

    private protected override void OnClosed()
    {
        _server?.ConnectionClosed();
        if (_destroyError is not { } error)
        {
            Closed(false);
            return;
        }

        try
        {
            Error(error);
        }
        finally
        {
            // As in Node, close follows error even when no error listener handled it (E2 rethrows it after this).
            Closed(true);
        }
    }

    /// <summary>A peer that has already reset the connection can make getpeername/getsockname fail; its first read then reports the reset.</summary>
    internal static IPEndPoint? EndPointOf(Socket socket, bool remote)
    {
        try
        {
            return (remote ? socket.RemoteEndPoint : socket.LocalEndPoint) as IPEndPoint; // null on a Unix socket
        }
        catch (SocketException)
        {
            return null;
        }
    }
    /// <summary>Whether <see cref="Write(ReadOnlyMemory{byte})"/> may still be called: not ended and not closed (Node's <c>socket.writable</c>).</summary>
    public bool IsWritable => !IsClosing && !_ending;

    /// <summary>Whether <c>end</c> has been emitted: the peer ended its side and every chunk was read (Node's <c>readableEnded</c>).</summary>
    public bool IsEnded => _readEnded;

    /// <summary>Whether <c>finish</c> has been emitted: this side ended and every queued byte was sent (Node's <c>writableFinished</c>).</summary>
    public bool IsFinished => _finished;

    bool IStream.IsDestroyed => IsClosing;

    void IReadableStream.AddDataListener(Action<ReadOnlyMemory<byte>> listener) => On.Data(listener);

    void IReadableStream.RemoveDataListener(Action<ReadOnlyMemory<byte>> listener) => Off.Data(listener);

    void IReadableStream.AddEndListener(Action listener) => On.Ended(listener);

    void IReadableStream.RemoveEndListener(Action listener) => Off.Ended(listener);

    void IWritableStream.AddDrainListener(Action listener) => On.Drain(listener);

    void IWritableStream.RemoveDrainListener(Action listener) => Off.Drain(listener);

    void IWritableStream.AddFinishListener(Action listener) => On.Finish(listener);

    void IStream.AddErrorListener(Action<Exception> listener) => On.Error(listener);

    void IStream.AddCloseListener(Action listener) => On.Closed(_ => listener());

    INetSocket INetSocket.SetTimeout(double milliseconds, Action? callback) => SetTimeout(milliseconds, callback);

    INetSocket INetSocket.SetNoDelay(bool noDelay) => SetNoDelay(noDelay);

    INetSocket INetSocket.SetKeepAlive(bool enable) => SetKeepAlive(enable);

    void INetSocket.AddCloseListener(Action<bool> listener) => On.Closed(listener);

    void INetSocket.RemoveCloseListener(Action<bool> listener) => Off.Closed(listener);

    void INetSocket.AddTimeoutListener(Action listener) => On.TimedOut(listener);

    void INetSocket.RemoveTimeoutListener(Action listener) => Off.TimedOut(listener);

    void INetSocket.RemoveErrorListener(Action<Exception> listener) => Off.Error(listener);

    bool INetSocket.Write(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data, ReadOnlySpan<byte> suffix) => Write(prefix, data, suffix);

    [Event("connect")]
    private partial void Connected();

    [Event("ready")]
    private partial void Ready();

    [Event("data")]
    private partial void Data(ReadOnlyMemory<byte> chunk);

    [Event("end")]
    private partial void Ended();

    [Event("drain")]
    private partial void Drain();

    [Event("finish")]
    private partial void Finish();

    [Event]
    private partial void Error(Exception error);

    [Event("close")]
    private partial void Closed(bool hadError);
}
