using System.Text;
using Loopwire.Internal;
using Loopwire.Net;

namespace Loopwire.Http;

/// <summary>
/// A request to an HTTP server, as Node's <c>http.ClientRequest</c> (<c>http.request</c>): made with where it goes,
/// it gets a socket from its <see cref="HttpAgent"/>, takes headers until its head is sent, and is a writable stream
/// for its body; <see cref="End()"/> it, then read the <see cref="IncomingMessage"/> its <c>response</c> event brings.
/// The head goes out with the first bytes of the body, framed as Node frames a request: <c>Content-Length</c> when
/// <see cref="End(ReadOnlyMemory{byte})"/> gives the whole body at once, chunked otherwise, and no framing at all for
/// a <c>GET</c>, <c>HEAD</c>, <c>DELETE</c>, <c>OPTIONS</c>, <c>TRACE</c> or <c>CONNECT</c>, whose bodies Node does not
/// expect; <c>Host</c> and <c>Connection</c> are added unless set.
/// </summary>
/// <remarks>
/// <para>
/// Events, in Node's order: <c>socket</c> (after the current callback, once the agent gave one), <c>continue</c> and
/// <c>information</c> (1xx interim responses), <c>response</c>, <c>finish</c> (the whole request was handed to the
/// socket), <c>close</c> (the response was read to its end and the socket freed, or the socket closed). A response with
/// no <c>response</c> listener is read and dropped, so the socket is freed; one that has a listener must be read to its
/// end (or destroyed) before its socket can serve another request, as in Node.
/// </para>
/// <para>
/// <c>error</c>: the connection failed (<c>connect ECONNREFUSED 127.0.0.1:8080</c>), the server closed or ended it before
/// answering (<c>socket hang up</c>, <c>ECONNRESET</c>), or its answer was malformed (an <see cref="HttpParseException"/>).
/// With no listener it is thrown to the loop as an uncaught exception (E2), as in Node.
/// </para>
/// </remarks>
[EventEmitter]
public sealed partial class ClientRequest : IWritableStream
{
    private static readonly Action<object?> EmitFinish = static request => ((ClientRequest)request!).Finish();
    private static readonly Action<object?> EmitClose = static request => ((ClientRequest)request!).Closed();
    private static readonly Action<object?> EmitDestroyed = static request => ((ClientRequest)request!).OnDestroyedWhileWaiting();
    private static readonly Action<object?> EmitSocket = static request => ((ClientRequest)request!).EmitSocketIfAttached();

    [ThreadStatic]
    private static HeadBuilder? t_prefix; // the loop thread's: what it frames is copied before Send returns

    private readonly OutgoingHeaders _headers = new();
    private readonly bool _framesBody; // Node's useChunkedEncodingByDefault: false for methods whose bodies it does not expect
    private ClientConnection? _connection;
    private List<byte[]>? _held;       // what was written before the agent gave a socket
    private int _heldLength;
    private bool _chunked;
    private bool _needDrain;
    private bool _hadError;
    private Exception? _destroyError; // what a request destroyed before it had a socket emits

    /// <summary>
    /// Makes a request to <paramref name="url"/>, as Node's <c>http.request(url, callback)</c>; set headers and write
    /// the body, then call <see cref="End()"/>.
    /// </summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <param name="url">An absolute <c>http:</c> or <c>https:</c> URL.</param>
    /// <param name="onResponse">A first <c>response</c> listener, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="url"/> is null.</exception>
    /// <exception cref="ArgumentException">The URL is not an absolute <c>http:</c> or <c>https:</c> one.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ClientRequest(EventLoop loop, string url, [RunsOnLoop] Action<IncomingMessage>? onResponse = null)
        : this(loop, ClientRequestOptions.FromUrl(url), onResponse)
    {
    }

    /// <summary>Makes a request as <paramref name="options"/> say, as Node's <c>http.request(options, callback)</c>.</summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <param name="options">Where the request goes and how.</param>
    /// <param name="onResponse">A first <c>response</c> listener, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The method, path, host or a header is bad, or the agent runs on another loop.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The port or timeout is out of range.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ClientRequest(EventLoop loop, ClientRequestOptions options, [RunsOnLoop] Action<IncomingMessage>? onResponse = null)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(options);
        loop.VerifyLoopThread();
        Options = options.Validated();
        Agent = Options.Agent ?? HttpAgent.Global(loop);
        if (Agent.Loop != loop)
        {
            throw new ArgumentException("The agent belongs to another loop: sockets run on one loop, so give each loop its own HttpAgent.", nameof(options));
        }

        Loop = loop;
        Timeout = Options.Timeout;
        AgentName = HttpAgent.GetName(Options);
        _framesBody = Method is not ("GET" or "HEAD" or "DELETE" or "OPTIONS" or "TRACE" or "CONNECT");
        ShouldKeepAlive = Agent.Options.KeepAlive || Agent.Options.MaxSockets != int.MaxValue; // as Node: a socket that could be reused asks for keep-alive
        foreach ((string name, string value) in Options.Headers ?? [])
        {
            _headers.Append(name, [value]);
        }

        AddDefaultHeaders();
        if (onResponse is not null)
        {
            On.Response(onResponse);
        }

        if (_headers.Contains("expect"))
        {
            FlushHeaders(); // as Node: a request that expects 100 Continue sends its head at once, to wait for the answer
        }

        Agent.AddRequest(this);
    }

    /// <inheritdoc/>
    public EventLoop Loop { get; }

    /// <summary>Where the request goes, as given (the method upper-cased).</summary>
    public ClientRequestOptions Options { get; }

    /// <summary>The agent that gives the request its socket.</summary>
    public HttpAgent Agent { get; }

    /// <summary>The method, upper-cased (Node's <c>request.method</c>).</summary>
    public string Method => Options.Method;

    /// <summary>The request target (Node's <c>request.path</c>).</summary>
    public string Path => Options.Path;

    /// <summary>The server's name or address (Node's <c>request.host</c>).</summary>
    public string Host => Options.Host;

    /// <summary>The socket, once the agent gave one; null before (Node's <c>request.socket</c>).</summary>
    public INetSocket? Socket { get; private set; }

    /// <summary>Whether the socket served an earlier request: a request on one may fail because the server closed it meanwhile, and is then safe to retry when idempotent (Node's <c>reusedSocket</c>).</summary>
    public bool ReusedSocket { get; private set; }

    /// <summary>Whether the connection is to be kept for another request: as the agent asks, unless a <c>Connection: close</c> is sent or received.</summary>
    public bool ShouldKeepAlive { get; private set; }

    /// <summary>Whether the head was built: by the first write, <see cref="End()"/> or <see cref="FlushHeaders"/>. Headers can no longer change (Node's <c>headersSent</c>).</summary>
    public bool HeadersSent { get; private set; }

    /// <summary>Whether <see cref="End()"/> was called (Node's <c>writableEnded</c>).</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Whether the whole request was handed to the socket (Node's <c>writableFinished</c>).</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Whether <see cref="Write(ReadOnlyMemory{byte})"/> may still be called: not ended or destroyed.</summary>
    public bool IsWritable => !IsEnded && !IsDestroyed;

    /// <summary>Whether the request is done: its response was read and its socket freed, it was destroyed, or its socket closed (Node's <c>destroyed</c>).</summary>
    public bool IsDestroyed { get; private set; }

    /// <summary>The name of the request's server in its agent's pools.</summary>
    internal string AgentName { get; }

    /// <summary>The socket's idle timeout while it serves this request; null for the agent's.</summary>
    internal double? Timeout { get; private set; }

    /// <summary>
    /// Makes a GET request and ends it, as Node's <c>http.get(url, callback)</c>: the <c>response</c> listener gets
    /// the answer. Read its body to its end, or <see cref="IncomingMessage.Resume"/> it to drop it.
    /// </summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <param name="url">An absolute <c>http:</c> or <c>https:</c> URL.</param>
    /// <param name="onResponse">A first <c>response</c> listener, or null.</param>
    /// <returns>The request, ended.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="url"/> is null.</exception>
    /// <exception cref="ArgumentException">The URL is not an absolute <c>http:</c> or <c>https:</c> one.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public static ClientRequest Get(EventLoop loop, string url, [RunsOnLoop] Action<IncomingMessage>? onResponse = null)
    {
        var request = new ClientRequest(loop, url, onResponse);
        request.End();
        return request;
    }

    /// <summary>Sets a header, in place of any value it had (Node's <c>setHeader</c>).</summary>
    /// <param name="name">The header's name, sent in this case.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This request.</returns>
    /// <exception cref="ArgumentException">The name is not an HTTP token, or the value holds a line break or control character.</exception>
    /// <exception cref="InvalidOperationException">The head was already sent (Node's ERR_HTTP_HEADERS_SENT).</exception>
    public ClientRequest SetHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SetHeader(name, [value]);
    }

    /// <summary>Sets a header to several values, sent as one line each (Node's <c>setHeader(name, array)</c>).</summary>
    /// <param name="name">The header's name.</param>
    /// <param name="values">Its values.</param>
    /// <returns>This request.</returns>
    /// <exception cref="ArgumentException">The name or a value is bad.</exception>
    /// <exception cref="InvalidOperationException">The head was already sent.</exception>
    public ClientRequest SetHeader(string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        VerifyHeadNotSent("set a header");
        _headers.Set(name, [.. values]);
        return this;
    }

    /// <summary>Adds a value after those a header has (Node's <c>appendHeader</c>).</summary>
    /// <param name="name">The header's name.</param>
    /// <param name="value">The value to add.</param>
    /// <returns>This request.</returns>
    /// <exception cref="ArgumentException">The name or value is bad.</exception>
    /// <exception cref="InvalidOperationException">The head was already sent.</exception>
    public ClientRequest AppendHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        VerifyHeadNotSent("append a header");
        _headers.Append(name, [value]);
        return this;
    }

    /// <summary>A header's value, several joined with <c>", "</c>; null when not set (Node's <c>getHeader</c>).</summary>
    /// <param name="name">The header's name, in any case.</param>
    /// <returns>The value, or null.</returns>
    public string? GetHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _headers.Get(name) is { } values ? string.Join(", ", values) : null;
    }

    /// <summary>Whether a header is set (Node's <c>hasHeader</c>).</summary>
    /// <param name="name">The header's name, in any case.</param>
    /// <returns>Whether it is set.</returns>
    public bool HasHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _headers.Contains(name);
    }

    /// <summary>The names of the headers set, lowercased, in the order first set (Node's <c>getHeaderNames</c>).</summary>
    /// <returns>The names.</returns>
    public string[] GetHeaderNames() => [.. _headers.Fields.Select(static field => field.Key.ToLowerInvariant())];

    /// <summary>Removes a header (Node's <c>removeHeader</c>): also one added by default, such as <c>Host</c>.</summary>
    /// <param name="name">The header's name, in any case.</param>
    /// <returns>This request.</returns>
    /// <exception cref="InvalidOperationException">The head was already sent.</exception>
    public ClientRequest RemoveHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        VerifyHeadNotSent("remove a header");
        _headers.Remove(name);
        return this;
    }

    /// <summary>Sends the head now, before any body (Node's <c>flushHeaders</c>): framed as for a body written in parts. Does nothing once sent.</summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void FlushHeaders()
    {
        Loop.VerifyLoopThread();
        if (!HeadersSent && !IsDestroyed)
        {
            Send(default, last: false);
        }
    }

    /// <summary>
    /// Sends <paramref name="chunk"/> as part of the body, with the head first if it is not sent yet (Node's
    /// <c>write</c>). Copied, so the caller may reuse its buffer. Held until the agent gives a socket.
    /// </summary>
    /// <param name="chunk">The bytes.</param>
    /// <returns>Whether the caller may go on writing before 'drain'.</returns>
    /// <exception cref="InvalidOperationException">Called after <see cref="End()"/> (Node's write after end), or off the loop thread.</exception>
    public bool Write(ReadOnlyMemory<byte> chunk)
    {
        Loop.VerifyLoopThread();
        if (IsEnded)
        {
            throw new InvalidOperationException("write after end: End() was called on this request, so nothing more can be written to it (Node's ERR_STREAM_WRITE_AFTER_END).");
        }

        return !IsDestroyed && Send(chunk.Span, last: false);
    }

    /// <summary>Sends <paramref name="text"/> encoded as UTF-8; otherwise as <see cref="Write(ReadOnlyMemory{byte})"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Whether the caller may go on writing before 'drain'.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called after <see cref="End()"/>, or off the loop thread.</exception>
    public bool Write(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Ends the request (Node's <c>end()</c>): the head if not sent yet, or the chunked body's last chunk. Again does nothing.</summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void End() => End(ReadOnlyMemory<byte>.Empty);

    /// <summary>
    /// Sends <paramref name="chunk"/> as the body's last bytes and ends the request (Node's <c>end(chunk)</c>). When the
    /// head is not sent yet, it says <c>Content-Length</c> (for a method that frames a body): the whole body goes out in
    /// one write. Again does nothing.
    /// </summary>
    /// <param name="chunk">The last bytes, copied.</param>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void End(ReadOnlyMemory<byte> chunk)
    {
        Loop.VerifyLoopThread();
        if (IsEnded)
        {
            return;
        }

        IsEnded = true;
        if (!IsDestroyed)
        {
            Send(chunk.Span, last: true);
            if (_connection is not null)
            {
                Sent();
            }
        }
    }

    /// <summary>Sends <paramref name="text"/> encoded as UTF-8 as the last bytes; otherwise as <see cref="End(ReadOnlyMemory{byte})"/>.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void End(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        End(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Emits <c>timeout</c> once the socket has been idle <paramref name="milliseconds"/> while serving this request
    /// (Node's <c>request.setTimeout</c>); 0 turns it off. The request is not ended: destroy it in the listener.
    /// </summary>
    /// <param name="milliseconds">The idle time, 0 for none.</param>
    /// <param name="callback">A <c>timeout</c> listener to add once, or null.</param>
    /// <returns>This request.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative or not a number.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public ClientRequest SetTimeout(double milliseconds, [RunsOnLoop] Action? callback = null)
    {
        Loop.VerifyLoopThread();
        if (!(milliseconds >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds, "The timeout must be 0 (none) or more milliseconds.");
        }

        if (callback is not null)
        {
            Once.TimedOut(callback);
        }

        Timeout = milliseconds;
        if (!IsDestroyed)
        {
            Socket?.SetTimeout(milliseconds);
        }

        return this;
    }

    /// <summary>
    /// Abandons the request (Node's <c>destroy([error])</c>): its socket is destroyed, a response being read is cut off
    /// (<c>aborted</c>), and <c>error</c> (<paramref name="error"/>, or <c>socket hang up</c> before a response came)
    /// then <c>close</c> follow. Does nothing on a request already done.
    /// </summary>
    /// <param name="error">The error to emit, or null.</param>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Destroy(Exception? error = null)
    {
        Loop.VerifyLoopThread();
        if (IsDestroyed)
        {
            return;
        }

        if (Socket is not null)
        {
            Socket.Destroy(error); // its 'error' and 'close' become the request's
            return;
        }

        Agent.RemoveWaiting(this);
        IsDestroyed = true;
        _hadError = true;
        _destroyError = error ?? HttpErrors.SocketHangUp();
        Loop.Defer(LoopCallback.ForTarget(EmitDestroyed, this));
    }

    void IWritableStream.AddDrainListener(Action listener) => On.Drain(listener);

    void IWritableStream.RemoveDrainListener(Action listener) => Off.Drain(listener);

    void IWritableStream.AddFinishListener(Action listener) => On.Finish(listener);

    void IStream.AddErrorListener(Action<Exception> listener) => On.Error(listener);

    void IStream.AddCloseListener(Action listener) => On.Closed(listener);

    /// <summary>The agent gave a socket: what was written goes out, and 'socket' is emitted after the current callback.</summary>
    internal void Assigned(ClientConnection connection, bool reused)
    {
        _connection = connection;
        Socket = connection.Socket;
        ReusedSocket = reused;
        if (_held is { } held)
        {
            _held = null;
            foreach (byte[] bytes in held)
            {
                Socket.Write(bytes);
            }
        }

        if (IsEnded)
        {
            Sent();
        }

        Loop.Defer(LoopCallback.ForTarget(EmitSocket, this));
    }

    /// <summary>The response's head arrived: 'response', or, with no listener, the body is dropped so the socket is freed.</summary>
    internal void ResponseArrived(IncomingMessage response, bool keepAlive)
    {
        ShouldKeepAlive &= keepAlive;
        if (Listeners.Response.Count == 0)
        {
            response.Dump();
        }
        else
        {
            Response(response);
        }
    }

    /// <summary>A 1xx interim response: 'continue' for a 100, then 'information', as Node emits them.</summary>
    internal void EmitInformation(HttpInformation information)
    {
        if (information.StatusCode == 100)
        {
            Continue();
        }

        Information(information);
    }

    internal bool HasUpgradeListener(bool connect) => (connect ? Listeners.ConnectResponse.Count : Listeners.Upgrade.Count) > 0;

    /// <summary>The server switched protocols: the socket is the listener's, and the request is done.</summary>
    internal void Upgraded(bool connect, IncomingMessage response, INetSocket socket, ReadOnlyMemory<byte> head)
    {
        Released();
        if (connect)
        {
            ConnectResponse(response, socket, head);
        }
        else
        {
            Upgrade(response, socket, head);
        }
    }

    /// <summary>The socket failed, or the answer was bad: 'error', once.</summary>
    internal void Fail(Exception error)
    {
        if (!_hadError)
        {
            _hadError = true;
            Error(error);
        }
    }

    internal void EmitTimeout() => TimedOut();

    internal void OnDrain()
    {
        if (_needDrain)
        {
            _needDrain = false;
            Drain();
        }
    }

    /// <summary>The request is done, its socket freed or closed: 'close' after the current callback.</summary>
    internal void Released()
    {
        _connection = null;
        if (!IsDestroyed)
        {
            IsDestroyed = true;
            Loop.Defer(LoopCallback.ForTarget(EmitClose, this));
        }
    }

    /// <summary>The socket was assigned.</summary>
    [Event("socket")] partial void SocketAssigned(INetSocket socket);

    /// <summary>The server answered <c>100 Continue</c>: send the body now.</summary>
    [Event] partial void Continue();

    /// <summary>The server sent a 1xx interim response (including a 100, after <c>continue</c>).</summary>
    [Event] partial void Information(HttpInformation information);

    /// <summary>The response's head arrived; read its body to its end.</summary>
    [Event] partial void Response(IncomingMessage response);

    /// <summary>The server switched protocols (101): the socket and the bytes after the head are the listener's. With no listener, the socket is destroyed.</summary>
    [Event] partial void Upgrade(IncomingMessage response, INetSocket socket, ReadOnlyMemory<byte> head);

    /// <summary>The server answered a CONNECT: the socket and the bytes after the head are the listener's. With no listener, the socket is destroyed.</summary>
    [Event("connect")] partial void ConnectResponse(IncomingMessage response, INetSocket socket, ReadOnlyMemory<byte> head);

    /// <summary>The socket was idle for the timeout while serving this request.</summary>
    [Event("timeout")] partial void TimedOut();

    /// <summary>The socket took what this request had queued past its mark.</summary>
    [Event] partial void Drain();

    /// <summary>The whole request was handed to the socket.</summary>
    [Event] partial void Finish();

    /// <summary>The request failed: see the class remarks.</summary>
    [Event] partial void Error(Exception error);

    /// <summary>Last: the response was read and the socket freed, the request was destroyed, or the socket closed.</summary>
    [Event("close")] partial void Closed();

    /// <summary>Host (with the port unless the protocol's default, an IPv6 address in brackets) and Basic Authorization, as Node's constructor adds them.</summary>
    private void AddDefaultHeaders()
    {
        if (Options.SetHost && !_headers.Contains("host"))
        {
            string host = Options.Host.Contains(':') && !Options.Host.StartsWith('[') ? $"[{Options.Host}]" : Options.Host;
            _headers.Set("Host", [Options.Port == Options.DefaultPort ? host : $"{host}:{Options.Port}"]);
        }

        if (Options.Auth is { } auth && !_headers.Contains("authorization"))
        {
            _headers.Set("Authorization", ["Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(auth))]);
        }
    }

    /// <summary>Frames <paramref name="data"/> (head first when not sent) and hands it to the socket, or holds it until there is one.</summary>
    private bool Send(ReadOnlySpan<byte> data, bool last)
    {
        HeadBuilder prefix = t_prefix ??= new HeadBuilder();
        prefix.Clear();
        if (!HeadersSent)
        {
            HeadersSent = true;
            WriteHeadTo(prefix, last ? data.Length : -1);
        }

        ReadOnlySpan<byte> suffix = _chunked ? prefix.AppendChunkFraming(data.Length, last) : default;
        bool belowMark;
        if (_connection is null)
        {
            belowMark = Hold(prefix.Written, data, suffix);
        }
        else if (Socket!.IsDestroyed || !Socket.IsWritable)
        {
            return false;
        }
        else
        {
            belowMark = Socket.Write(prefix.Written, data, suffix);
        }

        _needDrain |= !belowMark;
        return belowMark;
    }

    private bool Hold(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data, ReadOnlySpan<byte> suffix)
    {
        byte[] held = [.. prefix, .. data, .. suffix];
        (_held ??= []).Add(held);
        _heldLength += held.Length;
        return _heldLength < TcpSocket.DefaultHighWaterMark;
    }

    /// <summary>The request line and headers, as Node's <c>_storeHeader</c> orders and completes a request's.</summary>
    /// <param name="prefix">Where the head goes.</param>
    /// <param name="wholeBodyLength">The body's length when this is its only write, or -1.</param>
    private void WriteHeadTo(HeadBuilder prefix, int wholeBodyLength)
    {
        prefix.Append(Method);
        prefix.Append(" "u8);
        prefix.Append(Path);
        prefix.Append(" HTTP/1.1\r\n"u8);
        foreach ((string name, string[] values) in _headers.Fields)
        {
            foreach (string value in values)
            {
                prefix.AppendHeader(name, value);
            }
        }

        if (_headers.Contains("connection"))
        {
            ShouldKeepAlive = !_headers.HasToken("connection", "close");
        }
        else
        {
            prefix.Append(ShouldKeepAlive ? "Connection: keep-alive\r\n"u8 : "Connection: close\r\n"u8);
        }

        if (_headers.Contains("transfer-encoding"))
        {
            _chunked = _headers.HasToken("transfer-encoding", "chunked");
        }
        else if (!_headers.Contains("content-length") && _framesBody)
        {
            if (wholeBodyLength >= 0)
            {
                prefix.Append("Content-Length: "u8);
                prefix.AppendDecimal(wholeBodyLength);
                prefix.Append("\r\n"u8);
            }
            else
            {
                prefix.Append("Transfer-Encoding: chunked\r\n"u8);
                _chunked = true;
            }
        }

        prefix.Append("\r\n"u8);
    }

    /// <summary>Everything was handed to the socket: 'finish' after the current callback, and the socket may be freed.</summary>
    private void Sent()
    {
        IsFinished = true;
        Loop.Defer(LoopCallback.ForTarget(EmitFinish, this));
        _connection?.RequestFinished();
    }

    private void OnDestroyedWhileWaiting() => DestroyEvents.Emit(_destroyError, Error, Closed);

    private void EmitSocketIfAttached()
    {
        if (Socket is { } socket)
        {
            SocketAssigned(socket);
        }
    }

    private void VerifyHeadNotSent(string action)
    {
        if (HeadersSent)
        {
            throw new InvalidOperationException(
                $"Cannot {action} after the head was sent (Node's ERR_HTTP_HEADERS_SENT): set headers before Write, End or FlushHeaders.");
        }
    }
}
