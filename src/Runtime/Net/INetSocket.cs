using System.Net;

namespace Loopwire.Net;

/// <summary>
/// A connected stream socket, plain (<see cref="TcpSocket"/>, over TCP or a Unix socket) or encrypted
/// (<see cref="TlsSocket"/>): what Node's <c>net.Socket</c> and <c>tls.TLSSocket</c> share. HTTP runs on it, so an
/// <see cref="Http.HttpServer"/> or <see cref="Http.HttpAgent"/> speaks HTTP and HTTPS alike, and hands either kind to
/// its events; test for <see cref="TlsSocket"/> to reach the TLS state, or use the socket's own typed <c>On</c> surface.
/// Implemented by the runtime's sockets only.
/// </summary>
public interface INetSocket : IDuplexStream
{
    /// <summary>The peer's address and port; null until connected, and for a Unix socket.</summary>
    IPEndPoint? RemoteEndPoint { get; }

    /// <summary>This end's address and port; null until connected, and for a Unix socket.</summary>
    IPEndPoint? LocalEndPoint { get; }

    /// <summary>Whether <see cref="IReadableStream.Pause"/> stopped reading (Node's <c>isPaused()</c>).</summary>
    bool IsPaused { get; }

    /// <summary>Whether the socket keeps writing after the peer ends its side, until <see cref="IWritableStream.End"/> (Node's <c>allowHalfOpen</c>).</summary>
    bool AllowHalfOpen { get; set; }

    /// <summary>The buffered bytes at which <see cref="IWritableStream.Write"/> returns false (Node's <c>writableHighWaterMark</c>).</summary>
    int HighWaterMark { get; }

    /// <summary>The idle timeout set by <see cref="SetTimeout"/> in milliseconds; 0 for none (Node's <c>socket.timeout</c>).</summary>
    double Timeout { get; }

    /// <summary>Whether the socket keeps its loop alive (Node's <c>socket.hasRef()</c>).</summary>
    bool HasRef { get; }

    /// <summary>Lets the socket keep its loop alive again after <see cref="Unref"/> (Node's <c>socket.ref()</c>).</summary>
    void Ref();

    /// <summary>Lets the loop end while the socket is open (Node's <c>socket.unref()</c>).</summary>
    void Unref();

    /// <summary>
    /// Emits <c>timeout</c> after <paramref name="milliseconds"/> without activity, as Node's
    /// <c>socket.setTimeout(ms, callback)</c>: the socket stays open; 0 turns the timeout off.
    /// </summary>
    /// <param name="milliseconds">The idle time, 0 for none.</param>
    /// <param name="callback">A once <c>timeout</c> listener, or null.</param>
    /// <returns>This socket.</returns>
    INetSocket SetTimeout(double milliseconds, [RunsOnLoop] Action? callback = null);

    /// <summary>Turns Nagle's algorithm off (true) or on, as Node's <c>socket.setNoDelay</c>.</summary>
    /// <param name="noDelay">Whether small writes go out at once.</param>
    /// <returns>This socket.</returns>
    INetSocket SetNoDelay(bool noDelay = true);

    /// <summary>Turns TCP keep-alive probes on or off, as Node's <c>socket.setKeepAlive</c>.</summary>
    /// <param name="enable">Whether to probe an idle connection.</param>
    /// <returns>This socket.</returns>
    INetSocket SetKeepAlive(bool enable = true);

    /// <summary>Queues <paramref name="text"/>, encoded as UTF-8; otherwise as <see cref="IWritableStream.Write"/>.</summary>
    /// <param name="text">The text to send.</param>
    /// <returns>Whether the caller may go on writing before <c>drain</c>.</returns>
    bool Write(string text);

    /// <summary>Adds a <c>close</c> listener that learns whether an error closed the socket.</summary>
    /// <param name="listener">Runs on the loop thread, once.</param>
    void AddCloseListener([RunsOnLoop] Action<bool> listener);

    /// <summary>Removes a <c>close</c> listener added with <see cref="AddCloseListener(Action{bool})"/>.</summary>
    /// <param name="listener">The listener, as added.</param>
    void RemoveCloseListener(Action<bool> listener);

    /// <summary>Adds a <c>timeout</c> listener: it runs each time the socket has idled for <see cref="Timeout"/>.</summary>
    /// <param name="listener">Runs on the loop thread.</param>
    void AddTimeoutListener([RunsOnLoop] Action listener);

    /// <summary>Removes a <c>timeout</c> listener added with <see cref="AddTimeoutListener"/>.</summary>
    /// <param name="listener">The listener, as added.</param>
    void RemoveTimeoutListener(Action listener);

    /// <summary>Removes an <c>error</c> listener added with <see cref="IStream.AddErrorListener"/>.</summary>
    /// <param name="listener">The listener, as added.</param>
    void RemoveErrorListener(Action<Exception> listener);

    /// <summary>
    /// Queues three parts as one write, so that they go out together: what the HTTP module frames a body with (a head,
    /// a chunk's size line) around the body's bytes.
    /// </summary>
    internal bool Write(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data, ReadOnlySpan<byte> suffix);
}
