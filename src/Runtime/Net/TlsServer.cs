using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Loopwire.Net;

/// <summary>
/// A TLS server on the loop: Node's <c>tls.Server</c>, over a <see cref="TcpServer"/>. Each accepted connection runs
/// its handshake with <see cref="Certificate"/> and is emitted as a <see cref="TlsSocket"/> once it completes.
/// </summary>
/// <remarks>
/// Events: <c>listening</c>, <c>secureConnection</c> (a handshake completed), <c>tlsClientError</c> (a connection
/// failed before then: a client that rejected the certificate, whose own certificate was refused, that offered none of
/// the ALPN protocols, or that sent something that is not TLS; that connection is closed and the server goes on, and
/// with no listener the error is dropped, as in Node), <c>error</c> (a failed listen or accept) and <c>close</c> (after
/// <see cref="Close"/>, once the last connection has closed, as <see cref="TcpServer"/>).
/// </remarks>
[EventEmitter]
public sealed partial class TlsServer
{
    private readonly TcpServer _tcp;
    private readonly SslServerAuthenticationOptions _authentication;
    private readonly X509Certificate2Collection? _trusted;
    private readonly bool _rejectUnauthorized;

    /// <summary>Creates a server on <paramref name="loop"/> that presents <paramref name="certificate"/>; it does nothing until <see cref="Listen"/>.</summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <param name="certificate">The server's certificate, with its private key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="certificate"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="certificate"/> has no private key.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public TlsServer(EventLoop loop, X509Certificate2 certificate)
        : this(loop, new TlsServerOptions { Certificate = VerifyCertificate(certificate) })
    {
    }

    /// <summary>
    /// Creates a server on <paramref name="loop"/> with <paramref name="options"/>, as Node's
    /// <c>tls.createServer(options)</c>; it does nothing until <see cref="Listen"/>. The options are read here, once.
    /// </summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <param name="options">The certificate to present, the ALPN protocols, and whether and how clients' certificates are checked.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <see cref="TlsServerOptions.Certificate"/> is null or has no private key, or an ALPN protocol name is empty or longer than 255 bytes.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TlsServerOptions.HandshakeTimeout"/> is negative, not a number, or above 2147483647.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public TlsServer(EventLoop loop, TlsServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(options);
        loop.VerifyLoopThread();
        if (options.Certificate is null)
        {
            throw new ArgumentException("TlsServerOptions.Certificate is null: give the server's certificate, with its private key.", nameof(options));
        }

        if (!(options.HandshakeTimeout is >= 0 and <= int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.HandshakeTimeout, "HandshakeTimeout must be 0 (none) or a number of milliseconds up to 2147483647.");
        }

        X509Certificate2 certificate = TlsArguments.VerifyCertificate(options.Certificate, "server", nameof(options));
        List<SslApplicationProtocol>? protocols = TlsArguments.Protocols(options.AlpnProtocols, nameof(options));
        Loop = loop;
        Certificate = certificate;
        _rejectUnauthorized = options.RejectUnauthorized;
        HandshakeTimeout = options.HandshakeTimeout;

        // A copy: the clients' certificates are checked on pool threads, against what was given here.
        _trusted = options.TrustedCertificates is { } trusted ? [.. trusted] : null;

        // Built once, offline: each handshake then presents it without building the chain again.
        _authentication = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true),
            ApplicationProtocols = protocols,
            ClientCertificateRequired = options.RequestClientCertificate,
        };
        _tcp = new TcpServer(loop);
        _tcp.On.Listening(() => Listening());
        _tcp.On.Connection(tcp => TlsSocket.Accept(this, tcp));
        _tcp.On.Error(error => Error(error));
        _tcp.On.Closed(() => Closed());
    }

    /// <summary>The loop the server belongs to.</summary>
    public EventLoop Loop { get; }

    /// <summary>The certificate presented to clients.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The address and port listened on; null until listening.</summary>
    public IPEndPoint? LocalEndPoint => _tcp.LocalEndPoint;

    /// <summary>Whether the server is accepting connections.</summary>
    public bool IsListening => _tcp.IsListening;

    /// <summary>How long a client may idle before its handshake completes (see <see cref="TlsServerOptions.HandshakeTimeout"/>).</summary>
    internal double HandshakeTimeout { get; }

    /// <summary>The TCP server underneath (internal: tests track it).</summary>
    internal TcpServer Transport => _tcp;

    /// <summary>
    /// The options for <paramref name="socket"/>'s handshake: the shared ones, or, when clients are asked for a
    /// certificate, a copy whose check reports to that socket.
    /// </summary>
    internal SslServerAuthenticationOptions AuthenticationFor(TlsSocket socket)
    {
        if (!_authentication.ClientCertificateRequired)
        {
            return _authentication; // .NET then runs no check: there is no client certificate to check
        }

        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _authentication.ServerCertificateContext,
            ApplicationProtocols = _authentication.ApplicationProtocols,
            ClientCertificateRequired = true,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                socket.ValidateClient(_trusted, _rejectUnauthorized, certificate, chain, errors),
        };
    }

    /// <summary>
    /// Starts accepting on <paramref name="host"/>:<paramref name="port"/>, as <see cref="TcpServer.Listen(int, string, int)"/>:
    /// <see cref="LocalEndPoint"/> is known when this returns, and a failed bind is an <c>error</c> event.
    /// </summary>
    /// <param name="port">The port, 0 to 65535; 0 picks a free one.</param>
    /// <param name="host">An IP address literal.</param>
    /// <returns>This server, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 0 to 65535.</exception>
    /// <exception cref="ArgumentException"><paramref name="host"/> is not an IP address literal.</exception>
    /// <exception cref="InvalidOperationException">Already listening, or called off the loop thread.</exception>
    /// <exception cref="ObjectDisposedException">The server is closed.</exception>
    public TlsServer Listen(int port, string host = "127.0.0.1")
    {
        _tcp.Listen(port, host);
        return this;
    }

    /// <summary>Stops accepting, as Node's <c>server.close()</c>: open connections stay open, and <c>close</c> follows the last one's.</summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Close()
    {
        Loop.VerifyLoopThread();
        if (!_tcp.IsClosing)
        {
            _tcp.Close();
        }
    }

    internal void OnSecure(TlsSocket socket) => SecureConnection(socket);

    internal void OnClientError(Exception error, TlsSocket socket) => TlsClientError(error, socket);

    /// <summary>The certificate given alone, checked under its own parameter's name before the options are made of it.</summary>
    private static X509Certificate2 VerifyCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return TlsArguments.VerifyCertificate(certificate, "server", nameof(certificate));
    }

    [Event("listening")]
    private partial void Listening();

    [Event("secureConnection")]
    private partial void SecureConnection(TlsSocket socket);

    [Event("tlsClientError")]
    private partial void TlsClientError(Exception error, TlsSocket socket);

    [Event]
    private partial void Error(Exception error);

    [Event("close")]
    private partial void Closed();
}
