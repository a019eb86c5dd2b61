using Loopwire.Internal;
using Loopwire.Net;

namespace Loopwire.Http;

/// <summary>
/// A request a server received, or a response a client received, as Node's <c>http.IncomingMessage</c>: the head
/// (<see cref="Method"/> and <see cref="Url"/>, or <see cref="StatusCode"/>; <see cref="Headers"/>), then the body as a
/// readable stream of the bytes after any chunked framing is removed. It flows as every stream here does (a 'data'
/// listener, <see cref="Resume"/>, a pipe, <c>await foreach</c> over <see cref="StreamReading.ReadAllAsync"/>), 'end'
/// follows the last chunk, then 'close'.
/// </summary>
/// <remarks>
/// <para>
/// The body pushes back as Node's does: while 16 KiB wait unread, the connection stops reading from the socket. A body
/// nobody reads is read and dropped once the response is done, so that the connection can serve the next request.
/// </para>
/// <para>
/// When the connection closes before the body is complete, <see cref="IsComplete"/> stays false and 'close' is emitted;
/// 'error' (an <see cref="NetException"/>, <c>aborted</c>, <c>ECONNRESET</c>) comes before it only when an 'error'
/// listener was added, as in Node, which emits it only then.
/// </para>
/// </remarks>
[EventEmitter]
public sealed partial class IncomingMessage : IFreshChunkSource, IReadableSideOwner
{
    private static readonly Action<object?> EmitDestroyed = static message => ((IncomingMessage)message!).OnDestroyed();

    private readonly ReadableSide _body;
    private readonly IIncomingBodySource _source;
    private Dictionary<string, string>? _headers;
    private Dictionary<string, string[]>? _headersDistinct;
    private Dictionary<string, string>? _trailers;
    private Exception? _destroyError;

    internal IncomingMessage(INetSocket socket, HttpParser parser, IIncomingBodySource source)
    {
        Socket = socket;
        _source = source;
        _body = new ReadableSide(socket.Loop, this, TransformStream.DefaultHighWaterMark);
        Method = parser.Method;
        Url = parser.Url;
        StatusCode = parser.StatusCode;
        StatusMessage = parser.StatusMessage;
        HttpVersionMajor = parser.VersionMajor;
        HttpVersionMinor = parser.VersionMinor;
        RawHeaders = parser.RawHeaders;
        On.NewListener(OnNewListener);
    }

    /// <inheritdoc/>
    public EventLoop Loop => Socket.Loop;

    /// <summary>The connection the message came on (Node's <c>message.socket</c>).</summary>
    public INetSocket Socket { get; }

    /// <summary>A request's method, as sent: <c>GET</c>, <c>POST</c>, ...; empty on a response.</summary>
    public string Method { get; }

    /// <summary>A request's target, as sent: <c>/path?query</c>; empty on a response.</summary>
    public string Url { get; }

    /// <summary>A response's status code; 0 on a request.</summary>
    public int StatusCode { get; }

    /// <summary>A response's reason phrase, as sent; empty on a request.</summary>
    public string StatusMessage { get; }

    /// <summary>The HTTP version's major number: 1.</summary>
    public int HttpVersionMajor { get; }

    /// <summary>The HTTP version's minor number: 0 or 1.</summary>
    public int HttpVersionMinor { get; }

    /// <summary>The HTTP version as Node gives it: <c>"1.1"</c> or <c>"1.0"</c>.</summary>
    public string HttpVersion => HttpVersionMinor == 1 ? "1.1" : "1.0";

    /// <summary>The header lines as received, names and values in turn, names in their own case (Node's <c>rawHeaders</c>).</summary>
    public IReadOnlyList<string> RawHeaders { get; }

    /// <summary>
    /// The headers by lowercased name (Node's <c>message.headers</c>). Repeated headers are joined as Node joins them:
    /// with <c>", "</c>, <c>cookie</c> with <c>"; "</c>, and those that can have one value only (<c>content-type</c>,
    /// <c>host</c>, <c>authorization</c>, ...) keep the first. <c>set-cookie</c> is joined here too; read its values
    /// one by one from <see cref="HeadersDistinct"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers => _headers ??= IncomingHeaders.Join(RawHeaders);

    /// <summary>Every value of every header, by lowercased name, in order (Node's <c>headersDistinct</c>).</summary>
    public IReadOnlyDictionary<string, string[]> HeadersDistinct => _headersDistinct ??= IncomingHeaders.Distinct(RawHeaders);

    /// <summary>A chunked body's trailer lines, names and values in turn (Node's <c>rawTrailers</c>); empty until <see cref="IsComplete"/>.</summary>
    public IReadOnlyList<string> RawTrailers { get; private set; } = [];

    /// <summary>The trailers by lowercased name, joined as <see cref="Headers"/> (Node's <c>trailers</c>).</summary>
    public IReadOnlyDictionary<string, string> Trailers => _trailers ??= IncomingHeaders.Join(RawTrailers);

    /// <summary>Whether the whole message was received: its body and trailers (Node's <c>message.complete</c>).</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Whether 'end' was emitted: the whole body was read (Node's <c>readableEnded</c>).</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Whether the message is done: read to its end, destroyed, or cut off by the connection (Node's <c>destroyed</c>).</summary>
    public bool IsDestroyed { get; private set; }

    /// <summary>Whether <see cref="Pause"/> stopped the flow (Node's <c>isPaused()</c>).</summary>
    public bool IsPaused => _body.IsPaused;

    /// <summary>Body bytes received and not yet read (Node's <c>readableLength</c>).</summary>
    public int ReadableLength => _body.Length;

    /// <summary>Stops emitting 'data' (Node's <c>pause()</c>); once 16 KiB wait, the connection stops reading.</summary>
    /// <returns>This message.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public IncomingMessage Pause()
    {
        Loop.VerifyLoopThread();
        _body.Pause();
        return this;
    }

    /// <summary>
    /// Emits 'data' again (Node's <c>resume()</c>), also with no 'data' listener, which drops the body as Node's
    /// <c>req.resume()</c> does: the way to skip a body you do not need. As in Node, from after the current callback.
    /// </summary>
    /// <returns>This message.</returns>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public IncomingMessage Resume()
    {
        Loop.VerifyLoopThread();
        _body.Resume();
        return this;
    }

    /// <summary>
    /// Stops reading the message (Node's <c>destroy([error])</c>): what waits is dropped, the connection is destroyed
    /// with it, as in Node, and after the current callback 'error' (if <paramref name="error"/> is given) and 'close'
    /// are emitted. Does nothing on a message already done.
    /// </summary>
    /// <param name="error">The error to emit, or null to close quietly.</param>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Destroy(Exception? error = null)
    {
        Loop.VerifyLoopThread();
        if (IsDestroyed)
        {
            return;
        }

        bool cutShort = !IsEnded;
        DestroyQuietly(error);
        if (cutShort)
        {
            Socket.Destroy(error);
        }
    }

    /// <summary>Body bytes arrived: a slice of the socket's fresh chunk, kept as it is.</summary>
    /// <returns>Whether there is room for more: false asks the connection to stop reading.</returns>
    internal bool PushBody(ReadOnlyMemory<byte> chunk) => IsDestroyed || _body.Push(chunk);

    /// <summary>The whole message arrived: its trailers, then 'end' after the last chunk.</summary>
    internal void Complete(IReadOnlyList<string> rawTrailers)
    {
        IsComplete = true;
        RawTrailers = rawTrailers;
        if (!IsDestroyed)
        {
            _body.PushEnd();
        }
    }

    /// <summary>The connection closed first: 'error' for its listeners, as Node's <c>aborted</c>, then 'close'.</summary>
    internal void Abort()
    {
        if (!IsDestroyed)
        {
            DestroyQuietly(Listeners.Error.Count > 0 ? HttpErrors.Aborted() : null);
        }
    }

    /// <summary>The response is done and nobody read the body: drop it as it comes, so the connection reads on (Node's <c>_dump</c>).</summary>
    internal void Dump()
    {
        if (!IsDestroyed && !IsEnded)
        {
            Listeners.Data.RemoveAll(); // nobody wants the rest
            _body.Resume();
        }
    }

    void IReadableStream.Pause() => Pause();

    void IReadableStream.Resume() => Resume();

    void IReadableStream.AddDataListener(Action<ReadOnlyMemory<byte>> listener) => On.Data(listener);

    void IReadableStream.RemoveDataListener(Action<ReadOnlyMemory<byte>> listener) => Off.Data(listener);

    void IReadableStream.AddEndListener(Action listener) => On.Ended(listener);

    void IReadableStream.RemoveEndListener(Action listener) => Off.Ended(listener);

    void IStream.AddErrorListener(Action<Exception> listener) => On.Error(listener);

    void IStream.AddCloseListener(Action listener) => On.Closed(listener);

    void IReadableSideOwner.Data(ReadOnlyMemory<byte> chunk) => Data(chunk);

    void IReadableSideOwner.Ended()
    {
        if (IsDestroyed)
        {
            return;
        }

        IsEnded = true;
        try
        {
            Ended();
        }
        finally
        {
            DestroyQuietly(null); // autoDestroy: 'close' after 'end'
        }
    }

    void IReadableSideOwner.Drained() => _source.BodyDrained();

    /// <summary>A chunk of the body, after any chunked framing is removed; the listener may keep it.</summary>
    [Event] partial void Data(ReadOnlyMemory<byte> chunk);

    /// <summary>The whole body was read.</summary>
    [Event("end")] partial void Ended();

    /// <summary>The message was destroyed with an error, or the connection closed before it was complete and this event has a listener; 'close' follows.</summary>
    [Event] partial void Error(Exception error);

    /// <summary>Last: after 'end', or when the message was destroyed or cut off.</summary>
    [Event("close")] partial void Closed();

    private void DestroyQuietly(Exception? error)
    {
        IsDestroyed = true;
        _destroyError = error;
        _body.Clear();
        _source.BodyDrained(); // nothing waits any more: the connection may read on
        Loop.Defer(LoopCallback.ForTarget(EmitDestroyed, this));
    }

    private void OnNewListener(string eventName, Delegate listener)
    {
        if (eventName == "data")
        {
            _body.DataListenerAdded();
        }
    }

    private void OnDestroyed() => DestroyEvents.Emit(_destroyError, Error, Closed);
}
