namespace Loopwire.Net;

/// <summary>
/// The idle timeout: Node's <c>socket.setTimeout</c> and its <c>timeout</c> event, kept by the TCP socket underneath,
/// whose traffic (the handshake, records either way, close_notify) is what counts as activity.
/// </summary>
public sealed partial class TlsSocket
{
    /// <summary>The idle time in milliseconds after which <c>timeout</c> is emitted; 0 when none is set (Node's <c>socket.timeout</c>).</summary>
    public double Timeout => _tcp.Timeout;

    /// <summary>
    /// Emits <c>timeout</c> once the connection has been idle for <paramref name="milliseconds"/>, as Node's
    /// <c>socket.setTimeout(ms, callback)</c>, with <see cref="TcpSocket.SetTimeout"/>'s rules: the socket stays open
    /// (end or destroy it in the listener), activity restarts the wait, an idle socket is told once, and the wait does
    /// not keep the loop alive.
    /// </summary>
    /// <param name="milliseconds">The idle time, up to 2147483647, clamped as the loop's timers are (N5); 0 turns the timeout off.</param>
    /// <param name="callback">
    /// Added as a once listener of <c>timeout</c>, as Node's callback; with 0, removed instead, as Node does.
    /// </param>
    /// <returns>This socket, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative, not a number, or above 2147483647.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public TlsSocket SetTimeout(double milliseconds, [RunsOnLoop] Action? callback = null)
    {
        _tcp.SetTimeout(milliseconds); // checks the thread and the range first: nothing changes on bad input
        if (callback is not null)
        {
            _ = milliseconds == 0 ? Off.TimedOut(callback) : Once.TimedOut(callback);
        }

        return this;
    }

    /// <summary>The TCP socket idled: before a server's handshake completes, that is the handshake timeout; after, the user's.</summary>
    private void OnTimedOut() // from the TCP socket's timer, on the loop: never inside SslStream's code
    {
        if (_server is { } server && !_secure)
        {
            Destroy(new TimeoutException(
                $"TLS handshake timeout (Node's ERR_TLS_HANDSHAKE_TIMEOUT): the client at {RemoteEndPoint} sent nothing for {server.HandshakeTimeout} ms before its handshake completed."));
            return;
        }

        TimedOut();
    }

    [Event("timeout")]
    private partial void TimedOut();
}
