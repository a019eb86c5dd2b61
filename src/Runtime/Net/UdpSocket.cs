using System.Net;
using System.Net.Sockets;
using Loopwire.Internal;

namespace Loopwire.Net;

/// <summary>
/// A UDP socket on the loop: Node's <c>dgram.Socket</c> over libuv's <c>uv_udp_t</c>. On the epoll backend it is read
/// and written on the loop thread when the kernel reports it ready; on the portable backend receives and sends run on
/// .NET's socket threads. Either way they complete on the loop, and every event is emitted on the loop thread.
/// Active, and so keeping a ref'd loop alive, from the time it is bound (by <see cref="Bind"/>, or by the first
/// <see cref="Send(ReadOnlyMemory{byte}, int, string?)"/>) until closed (L1, L2).
/// </summary>
/// <remarks>
/// Events: <c>listening</c> (from the loop, once bound), <c>message</c> (a datagram and the endpoint it came from),
/// <c>error</c> (a failed bind, as <c>bind EADDRINUSE 127.0.0.1:41234</c>, a failed send, as
/// <c>send EMSGSIZE 127.0.0.1:41234</c>, or a failed receive) and <c>close</c>, emitted in the close phase of the
/// iteration that called <see cref="Handle.Close"/> (L10). An <c>error</c> with no listener is thrown to the loop as
/// an uncaught exception (E2); errors do not close the socket, as in Node.
/// </remarks>
[EventEmitter]
public sealed partial class UdpSocket : Handle
{
    private readonly Socket _socket;
    private readonly IDatagramIo _io;
    private readonly AddressFamily _family;
    private NetException? _bindError; // a failed bind, until emitted
    private bool _bound;

    /// <summary>
    /// Creates an unbound socket of <paramref name="family"/>, as Node's <c>dgram.createSocket('udp4')</c> or
    /// <c>('udp6')</c>. It does nothing, and does not keep the loop alive, until <see cref="Bind"/> or a send.
    /// </summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <param name="family"><see cref="AddressFamily.InterNetwork"/> (udp4) or <see cref="AddressFamily.InterNetworkV6"/> (udp6, IPv6 only).</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="family"/> is neither of the two.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public UdpSocket(EventLoop loop, AddressFamily family = AddressFamily.InterNetwork)
        : base(loop)
    {
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentOutOfRangeException(
                nameof(family), family, "family should be AddressFamily.InterNetwork (udp4) or AddressFamily.InterNetworkV6 (udp6) (Node's ERR_SOCKET_BAD_TYPE).");
        }

        _family = family;
        _socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        _io = IDatagramIo.Create(this, _socket);
    }

    /// <summary>The address and port bound to (the port chosen when 0 was asked for, or by an implicit bind); null until bound.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>
    /// Binds to <paramref name="host"/>:<paramref name="port"/> and starts receiving, as Node's
    /// <c>socket.bind(port, address)</c>. <see cref="LocalEndPoint"/> is known when this returns; <c>listening</c> is
    /// emitted from the loop, not inside this call. A bind that fails (<c>bind EADDRINUSE 127.0.0.1:41234</c>) is
    /// emitted as <c>error</c> from the loop, not thrown, as in Node; the socket may then bind again.
    /// </summary>
    /// <param name="port">The port, 0 to 65535; 0 picks any free port.</param>
    /// <param name="host">
    /// An address literal of the socket's family; null for its loopback address (<c>127.0.0.1</c> or <c>::1</c>).
    /// <c>0.0.0.0</c> or <c>::</c> receives on every interface (Node's default). Names are not looked up.
    /// </param>
    /// <returns>This socket, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 0 to 65535.</exception>
    /// <exception cref="ArgumentException"><paramref name="host"/> is not an IP address literal, or is of the other family.</exception>
    /// <exception cref="InvalidOperationException">The socket is already bound (a send binds it too), or called off the loop thread.</exception>
    /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
    public UdpSocket Bind(int port = 0, string? host = null)
    {
        Loop.VerifyLoopThread();
        ThrowIfClosed("bind");
        if (_bound || _bindError is not null)
        {
            throw new InvalidOperationException(
                $"bind: this UdpSocket is already bound{(LocalEndPoint is null ? "" : $" to {LocalEndPoint}")}; a socket binds once, and Send binds an unbound socket itself (Node's ERR_SOCKET_ALREADY_BOUND).");
        }

        BindTo(NetArguments.ForDatagram(port, host, _family, send: false));
        return this;
    }

    /// <summary>
    /// Sets <c>SO_BROADCAST</c>, as Node's <c>socket.setBroadcast(flag)</c>: without it, a send to a broadcast
    /// address fails with <c>send EACCES</c>. Unlike Node, it may be set before the socket is bound.
    /// </summary>
    /// <param name="broadcast">Whether sends to broadcast addresses are allowed.</param>
    /// <returns>This socket, for chaining.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
    public UdpSocket SetBroadcast(bool broadcast = true)
    {
        Loop.VerifyLoopThread();
        ThrowIfClosed("setBroadcast");
        _socket.EnableBroadcast = broadcast;
        return this;
    }

    private protected override void OnClosing()
    {
        // A receive or send in flight is aborted; its completion, still to come, frees its buffer then.
        _io.Close();
        _socket.Dispose();
        if (!_receiving)
        {
            ReleaseReceiveBuffer();
        }

        if (!_sending)
        {
            ReturnUnsent();
        }
    }

    private protected override void OnClosed() => Closed();

    /// <summary>Binds and starts receiving, and sending what was queued meanwhile; a failure is emitted from the loop.</summary>
    private void BindTo(IPEndPoint endPoint)
    {
        SetActive(true); // while bound, or until a failure is emitted
        try
        {
            _socket.Bind(endPoint);
        }
        catch (SocketException error)
        {
            _bindError = NetErrors.WithHostPort("bind", error.SocketErrorCode, endPoint);
            Loop.Inbox.Enqueue(LoopCallback.ForTarget(static target => ((UdpSocket)target!).OnBindFailed(), this));
            return;
        }

        _bound = true;
        LocalEndPoint = (IPEndPoint?)_socket.LocalEndPoint;
        Loop.Inbox.Enqueue(LoopCallback.ForTarget(static target => ((UdpSocket)target!).OnListening(), this));
        StartReceive();
        if (!_sends.IsEmpty)
        {
            StartSend();
        }
    }

    private void OnListening()
    {
        // As Node's close before 'listening': a socket closed before the loop got here does not emit it.
        if (!IsClosing)
        {
            Listening();
        }
    }

    private void OnBindFailed()
    {
        NetException error = _bindError!;
        _bindError = null;
        if (!IsClosing)
        {
            SetActive(false);
            Error(error);
        }
    }

    private void ThrowIfClosed(string operation)
    {
        if (IsClosing)
        {
            throw new ObjectDisposedException(
                nameof(UdpSocket), $"{operation}: this UdpSocket is closed; create a new one (Node's ERR_SOCKET_DGRAM_NOT_RUNNING).");
        }
    }

    [Event("listening")]
    private partial void Listening();

    [Event("message")]
    private partial void Message(ReadOnlyMemory<byte> message, IPEndPoint remote);

    [Event]
    private partial void Error(Exception error);

    [Event("close")]
    private partial void Closed();
}
