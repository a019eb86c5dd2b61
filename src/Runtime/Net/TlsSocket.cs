using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Loopwire.Net;

/// <summary>
/// A TLS connection on the loop: Node's <c>tls.TLSSocket</c>. .NET's <see cref="SslStream"/> does the TLS, over a
/// <see cref="TcpSocket"/> it reaches through an adapter that completes every read and write from the socket's events,
/// on the loop thread; so the handshake, encryption and every event run on the loop thread. Made by
/// <see cref="Connect"/>, or by a <see cref="TlsServer"/> for each connection that completes its handshake.
/// </summary>
/// <remarks>
/// Events, in Node's order: <c>secureConnect</c> (a client's handshake is done; the server's counterpart is
/// <see cref="TlsServer"/>'s <c>secureConnection</c>), <c>data</c> (decrypted, each chunk a fresh array),
/// <c>end</c> (the peer sent close_notify or ended TCP), <c>drain</c>, <c>finish</c> (after <see cref="End"/>,
/// close_notify was sent; TCP itself is ended once both sides have, so that nothing still to read is lost), <c>error</c> (a failed handshake, as <c>TLS handshake with
/// 127.0.0.1:443 failed: certificate rejected: …</c>), then <c>close</c> with whether an error closed it; and
/// <c>timeout</c> after <see cref="SetTimeout"/>, whenever the connection has been idle that long. As in
/// Node, the socket ends its side once the peer has ended (allowHalfOpen false) and closes once both have; an
/// <c>error</c> with no listener is an uncaught exception (E2). User events are emitted from ticks of their own (or,
/// for <c>timeout</c>, the TCP socket's timer), never from inside SslStream's code.
/// </remarks>
[EventEmitter]
public sealed partial class TlsSocket : INetSocket
{
    private readonly TcpSocket _tcp;
    private readonly SslStream _ssl;
    private readonly TlsServer? _server;
    private readonly SslClientAuthenticationOptions? _clientOptions;
    private Exception? _error;
    private bool _secure;
    private bool _certificateRejected; // the check of the peer's certificate refused it: the handshake failed for that
    private X509Certificate2? _peerCertificate;
    private string? _alpnProtocol;

    private TlsSocket(TcpSocket tcp, TlsServer? server, SslClientAuthenticationOptions? clientOptions)
    {
        Loop = tcp.Loop;
        _tcp = tcp;
        _server = server;
        _clientOptions = clientOptions;
        tcp.AllowHalfOpen = true; // TLS ends the TCP side itself, after close_notify
        var transport = new TlsTransport(tcp); // its listeners first: pending reads fail before this socket closes
        _ssl = new SslStream(transport, leaveInnerStreamOpen: false);
        tcp.On.Error(error => _error ??= error);
        tcp.On.Closed(OnTcpClosed);
        tcp.On.TimedOut(OnTimedOut);
        On.NewListener(OnNewListener);
    }

    /// <summary>The loop the socket belongs to: its events are emitted on this loop's thread.</summary>
    public EventLoop Loop { get; }

    /// <summary>Whether the handshake has completed (Node's <c>socket.encrypted</c> and the secure events, together).</summary>
    public bool IsSecure => _secure;

    /// <summary>
    /// Whether the peer's certificate passed validation (Node's <c>socket.authorized</c>); false on a client that
    /// connected with <c>RejectUnauthorized = false</c> to a certificate that failed, and on the server side unless
    /// <see cref="TlsServerOptions.RequestClientCertificate"/> asked for the client's and it passed.
    /// </summary>
    public bool IsAuthorized { get; private set; }

    /// <summary>Why the peer's certificate failed validation (Node's <c>socket.authorizationError</c>); null if it passed.</summary>
    public string? AuthorizationError { get; private set; }

    /// <summary>The TLS version negotiated; <see cref="SslProtocols.None"/> before the handshake completes.</summary>
    public SslProtocols Protocol => _secure ? _ssl.SslProtocol : SslProtocols.None;

    /// <summary>
    /// The application protocol ALPN settled on, as <c>"h2"</c> (Node's <c>socket.alpnProtocol</c>); null, where Node
    /// has false, when either side offered none, and before the handshake completes.
    /// </summary>
    public string? AlpnProtocol => _alpnProtocol;

    /// <summary>The peer's address and port; null until connected.</summary>
    public IPEndPoint? RemoteEndPoint => _tcp.RemoteEndPoint;

    /// <summary>This end's address and port; null until connected.</summary>
    public IPEndPoint? LocalEndPoint => _tcp.LocalEndPoint;

    /// <summary>
    /// The peer's certificate (Node's <c>socket.getPeerCertificate()</c>), as a copy the caller owns and may dispose;
    /// null before the handshake completes, once the socket is closed, and when the peer sent none (a client the server
    /// did not ask, or that had none to give), where Node returns an empty object. The server's is there even when it
    /// failed validation and the client connected anyway (<c>RejectUnauthorized = false</c>), and the client's likewise.
    /// </summary>
    /// <returns>The certificate, or null.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public X509Certificate2? GetPeerCertificate()
    {
        Loop.VerifyLoopThread();
        return _peerCertificate is { } peer ? new X509Certificate2(peer) : null;
    }

    /// <summary>Whether the socket is closed or closing (Node's <c>destroyed</c>).</summary>
    public bool IsDestroyed => _tcp.IsClosing;

    /// <summary>Whether the socket keeps its loop alive: the TCP connection underneath does (Node's <c>socket.hasRef()</c>).</summary>
    public bool HasRef => _tcp.HasRef;

    /// <summary>Lets the socket keep its loop alive again after <see cref="Unref"/> (Node's <c>socket.ref()</c>).</summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Ref() => _tcp.Ref();

    /// <summary>Lets the loop end while the socket is open (Node's <c>socket.unref()</c>), as <see cref="Handle.Unref"/>.</summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Unref() => _tcp.Unref();

    /// <summary>Turns Nagle's algorithm off (true) or on for the TCP connection underneath, as <see cref="TcpSocket.SetNoDelay"/>.</summary>
    /// <param name="noDelay">Whether small writes go out at once.</param>
    /// <returns>This socket, for chaining.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public TlsSocket SetNoDelay(bool noDelay = true)
    {
        _tcp.SetNoDelay(noDelay);
        return this;
    }

    /// <summary>Turns keep-alive probes on or off for the TCP connection underneath, as <see cref="TcpSocket.SetKeepAlive"/>.</summary>
    /// <param name="enable">Whether to probe an idle connection.</param>
    /// <returns>This socket, for chaining.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public TlsSocket SetKeepAlive(bool enable = true)
    {
        _tcp.SetKeepAlive(enable);
        return this;
    }

    /// <summary>The TCP connection underneath (internal: tests track it, and the TLS socket closes with it).</summary>
    internal TcpSocket Transport => _tcp;

    /// <summary>
    /// Opens a TLS connection to <paramref name="host"/>:<paramref name="port"/>, as Node's
    /// <c>tls.connect(port, host, options)</c>: the socket is returned at once; once TCP connects the handshake
    /// runs, and <c>secureConnect</c> is emitted when it completes, or <c>error</c> then <c>close(true)</c> if it
    /// fails (a rejected certificate, a refused connection). Writes and <see cref="End"/> made before then wait for it.
    /// </summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <param name="port">The port, 1 to 65535.</param>
    /// <param name="host">An address literal or a name to look up, as <see cref="TcpSocket.Connect(EventLoop, int, string)"/>.</param>
    /// <param name="options">
    /// How the server is checked, and what is offered to it; null for Node's defaults (the system's roots,
    /// <paramref name="host"/> as the name, no ALPN, no client certificate).
    /// </param>
    /// <returns>The connecting socket.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="host"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 1 to 65535.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="host"/> or <see cref="TlsClientOptions.ServerName"/> is empty, <see cref="TlsClientOptions.Certificate"/>
    /// has no private key, or an ALPN protocol name is empty or longer than 255 bytes.
    /// </exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static TlsSocket Connect(EventLoop loop, int port, string host, TlsClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(host);
        loop.VerifyLoopThread();
        options ??= new TlsClientOptions();
        if (options.ServerName is { Length: 0 })
        {
            throw new ArgumentException("ServerName must not be empty; leave it null to use the host.", nameof(options));
        }

        // Sent as given: a context, unlike a collection, is not filtered by the authorities the server names.
        SslStreamCertificateContext? clientCertificate = options.Certificate is { } own
            ? SslStreamCertificateContext.Create(TlsArguments.VerifyCertificate(own, "client", nameof(options)), additionalCertificates: null, offline: true)
            : null;
        TlsSocket? socket = null;
        var authentication = new SslClientAuthenticationOptions
        {
            TargetHost = options.ServerName ?? host,
            ApplicationProtocols = TlsArguments.Protocols(options.AlpnProtocols, nameof(options)),
            ClientCertificateContext = clientCertificate,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                socket!.ValidateServer(options, certificate, chain, errors),
        };
        TcpSocket tcp = TcpSocket.Connect(loop, port, host);
        socket = new TlsSocket(tcp, server: null, authentication);
        tcp.On.Connected(socket.StartHandshake);
        return socket;
    }

    /// <summary>
    /// Closes the socket now, as Node's <c>socket.destroy(error)</c>: what is queued is dropped, and in the close
    /// phase <c>error</c> is emitted with <paramref name="error"/> (if given), then <c>close</c>. Does nothing on a
    /// socket already closing.
    /// </summary>
    /// <param name="error">The error to emit, or null to close without one.</param>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Destroy(Exception? error = null)
    {
        Loop.VerifyLoopThread();
        if (!_tcp.IsClosing)
        {
            _error = error;
            _tcp.Destroy();
        }
    }

    /// <summary>A connection <paramref name="server"/> accepted: its handshake starts at once.</summary>
    internal static TlsSocket Accept(TlsServer server, TcpSocket tcp)
    {
        var socket = new TlsSocket(tcp, server, clientOptions: null);
        tcp.SetTimeout(server.HandshakeTimeout); // Node's handshakeTimeout: an idle wait, cleared once secure
        socket.StartHandshake();
        return socket;
    }

    private void StartHandshake() => _ = HandshakeAsync();

    private async Task HandshakeAsync()
    {
        try
        {
            // Resumes on the loop (its SynchronizationContext); SslStream itself runs inline wherever the transport completes: the loop thread.
            if (_clientOptions is { } client)
            {
                await _ssl.AuthenticateAsClientAsync(client, CancellationToken.None);
            }
            else
            {
                await _ssl.AuthenticateAsServerAsync(_server!.AuthenticationFor(this), CancellationToken.None);
            }
        }
        catch (Exception error)
        {
            if (!_tcp.IsClosing)
            {
                Destroy(HandshakeFailed(error));
            }

            return;
        }

        if (!_tcp.IsClosing)
        {
            // From a tick of its own, so that a throwing listener is the loop's uncaught exception, not SslStream's.
            Loop.NextTick(static socket => socket.OnSecure(), this);
        }
    }

    private void OnSecure()
    {
        if (_tcp.IsClosing)
        {
            return;
        }

        _secure = true;
        _peerCertificate = _ssl.RemoteCertificate is { } remote ? new X509Certificate2(remote) : null;
        _alpnProtocol = _ssl.NegotiatedApplicationProtocol.Protocol.Length > 0
            ? Encoding.UTF8.GetString(_ssl.NegotiatedApplicationProtocol.Protocol.Span)
            : null;
        StartReading();
        StartWriting();
        if (_server is { } server)
        {
            _tcp.SetTimeout(0); // the handshake's: the connection's own is its owner's to set
            server.OnSecure(this);
        }
        else
        {
            SecureConnected();
        }
    }

    private AuthenticationException HandshakeFailed(Exception error)
    {
        string peer = RemoteEndPoint?.ToString() ?? _clientOptions?.TargetHost ?? "peer";
        // SslStream's own message is "see inner exception"; the innermost, OpenSSL's reason or the transport's, says what happened.
        string reason = _certificateRejected ? $"certificate rejected: {AuthorizationError}" : error.GetBaseException().Message;
        return new AuthenticationException($"TLS handshake with {peer} failed: {reason}", error);
    }

    private void OnTcpClosed(bool hadError)
    {
        _ssl.Dispose();
        _peerCertificate?.Dispose();
        _peerCertificate = null;
        ClearQueues();
        if (_error is not { } error)
        {
            Closed(hadError);
            return;
        }

        try
        {
            if (_server is { } server && !_secure)
            {
                server.OnClientError(error, this); // Node's tlsClientError: nobody has this socket yet
            }
            else
            {
                Error(error);
            }
        }
        finally
        {
            Closed(true); // as in Node, close follows error even when no listener handled it
        }
    }

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

    [Event("secureConnect")]
    private partial void SecureConnected();

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
