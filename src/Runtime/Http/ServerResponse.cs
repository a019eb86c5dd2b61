using System.Globalization;
using System.Text;
using Loopwire.Internal;
using Loopwire.Net;

namespace Loopwire.Http;

/// <summary>
/// The response to one request, as Node's <c>http.ServerResponse</c>: set <see cref="StatusCode"/> and headers, then
/// <see cref="Write(ReadOnlyMemory{byte})"/> the body and <see cref="End()"/> it, or <see cref="WriteHead"/> first. The
/// head goes out with the first bytes of the body, framed as Node frames it: <c>Content-Length</c> when
/// <see cref="End(ReadOnlyMemory{byte})"/> gives the whole body at once, chunked otherwise (an HTTP/1.0 client gets
/// the body unframed and the connection closed after it), with <c>Date</c>, <c>Connection</c> and
/// <c>Keep-Alive</c> added unless set.
/// </summary>
/// <remarks>
/// Responses to pipelined requests go out in order: one that ends before those ahead of it waits, its bytes held,
/// until they are sent. A HEAD request's response, and a 204 or 304, sends no body: what is written is dropped. Events:
/// <c>drain</c> (after <see cref="Write(ReadOnlyMemory{byte})"/> returned false), <c>finish</c> (after the current
/// callback once the last bytes are handed to the socket), <c>error</c> and <c>close</c> (after <c>finish</c>, or when
/// the connection closes first).
/// </remarks>
[EventEmitter]
public sealed partial class ServerResponse : IWritableStream
{
    private static readonly Action<object?> EmitFinish = static response => ((ServerResponse)response!).OnFinished();
    private static readonly Action<object?> EmitClose = static response => ((ServerResponse)response!).Closed();

    private readonly ServerConnection _connection;
    private readonly OutgoingHeaders _headers = new();
    private readonly bool _isHead;
    private int _statusCode = 200;
    private bool _hasBody = true;
    private bool _chunked;
    private bool _headFixed;   // WriteHead was called: as Node's, it frames the head before the body's length is known
    private bool _headWritten; // the head went out, with the first bytes

    internal ServerResponse(ServerConnection connection, IncomingMessage request, bool keepAlive)
    {
        _connection = connection;
        Request = request;
        ShouldKeepAlive = keepAlive;
        _isHead = request.Method == "HEAD";
    }

    /// <inheritdoc/>
    public EventLoop Loop => Socket.Loop;

    /// <summary>The request this responds to (Node's <c>res.req</c>).</summary>
    public IncomingMessage Request { get; }

    /// <summary>The connection (Node's <c>res.socket</c>).</summary>
    public INetSocket Socket => Request.Socket;

    /// <summary>The status code to send, 200 unless set (Node's <c>res.statusCode</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a three-digit code from 100 to 999 (Node's ERR_HTTP_INVALID_STATUS_CODE).</exception>
    public int StatusCode
    {
        get => _statusCode;
        set
        {
            if (value is < 100 or > 999)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(value), value, $"Invalid status code: {value} (Node's ERR_HTTP_INVALID_STATUS_CODE): use a code from 100 to 999.");
            }

            _statusCode = value;
        }
    }

    /// <summary>The reason phrase to send; null, the default, sends Node's for the code (<see cref="HttpStatus.ReasonPhrase"/>).</summary>
    public string? StatusMessage { get; set; }

    /// <summary>Whether a <c>Date</c> header is added when none is set; true by default (Node's <c>res.sendDate</c>).</summary>
    public bool SendDate { get; set; } = true;

    /// <summary>Whether the connection is to stay open after this response; false after <c>Connection: close</c> is set or sent.</summary>
    public bool ShouldKeepAlive { get; private set; }

    /// <summary>Whether the head was built: by <see cref="WriteHead"/>, the first write, or <see cref="End()"/>. Headers can no longer change (Node's <c>headersSent</c>).</summary>
    public bool HeadersSent { get; private set; }

    /// <summary>Whether <see cref="End()"/> was called (Node's <c>writableEnded</c>).</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Whether <c>finish</c> was emitted: the whole response was handed to the socket (Node's <c>writableFinished</c>).</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Whether <see cref="Write(ReadOnlyMemory{byte})"/> may still be called: not ended, and the connection open.</summary>
    public bool IsWritable => !IsEnded && !IsDestroyed;

    /// <summary>Whether the response is done: finished, destroyed, or its connection closed.</summary>
    public bool IsDestroyed { get; private set; }

    /// <summary>Sets a header, in place of any value it had (Node's <c>setHeader</c>).</summary>
    /// <param name="name">The header's name, sent in this case.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This response.</returns>
    /// <exception cref="ArgumentException">The name is not an HTTP token, or the value holds a line break or control character.</exception>
    /// <exception cref="InvalidOperationException">The head was already sent (Node's ERR_HTTP_HEADERS_SENT).</exception>
    public ServerResponse SetHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SetHeader(name, [value]);
    }

    /// <summary>Sets a header to several values, sent as one line each, as <c>set-cookie</c> needs (Node's <c>setHeader(name, array)</c>).</summary>
    /// <param name="name">The header's name.</param>
    /// <param name="values">Its values.</param>
    /// <returns>This response.</returns>
    /// <exception cref="ArgumentException">The name or a value is bad.</exception>
    /// <exception cref="InvalidOperationException">The head was already sent.</exception>
    public ServerResponse SetHeader(string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        VerifyHeadNotSent("set a header");
        _headers.Set(name, [.. values]);
        return this;
    }

    /// <summary>Adds a value after those a header has (Node's <c>appendHeader</c>).</summary>
    /// <param name="name">The header's name.</param>
    /// <param name="value">The value to add.</param>
    /// <returns>This response.</returns>
    /// <exception cref="ArgumentException">The name or value is bad.</exception>
    /// <exception cref="InvalidOperationException">The head was already sent.</exception>
    public ServerResponse AppendHeader(string name, string value)
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

    /// <summary>A header's values, one per line it is sent as; null when not set.</summary>
    /// <param name="name">The header's name, in any case.</param>
    /// <returns>The values, or null.</returns>
    public IReadOnlyList<string>? GetHeaderValues(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _headers.Get(name);
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

    /// <summary>Removes a header (Node's <c>removeHeader</c>).</summary>
    /// <param name="name">The header's name, in any case.</param>
    /// <returns>This response.</returns>
    /// <exception cref="InvalidOperationException">The head was already sent.</exception>
    public ServerResponse RemoveHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        VerifyHeadNotSent("remove a header");
        _headers.Remove(name);
        return this;
    }

    /// <summary>
    /// Builds the head now (Node's <c>writeHead</c>): <paramref name="statusCode"/>, the reason phrase, and
    /// <paramref name="headers"/> on top of those already set. It goes out with the first bytes of the body; as
    /// Node's, it is framed now, so without a <c>Content-Length</c> header the body is chunked even when
    /// <see cref="End(ReadOnlyMemory{byte})"/> then gives all of it.
    /// </summary>
    /// <param name="statusCode">The status code, from 100 to 999.</param>
    /// <param name="statusMessage">The reason phrase, or null for Node's.</param>
    /// <param name="headers">Headers to set, or null.</param>
    /// <returns>This response.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The status code is out of range.</exception>
    /// <exception cref="ArgumentException">A header name or value is bad.</exception>
    /// <exception cref="InvalidOperationException">The head was already sent, or called off the loop thread.</exception>
    public ServerResponse WriteHead(int statusCode, string? statusMessage = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        Loop.VerifyLoopThread();
        VerifyHeadNotSent("write the head");
        StatusCode = statusCode;
        if (statusMessage is not null)
        {
            if (statusMessage.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException("Invalid character in statusMessage (Node's ERR_INVALID_CHAR): it may hold no line breaks.", nameof(statusMessage));
            }

            StatusMessage = statusMessage;
        }

        foreach ((string name, string value) in headers ?? [])
        {
            SetHeader(name, value);
        }

        HeadersSent = true;
        _headFixed = true;
        return this;
    }

    /// <summary>
    /// Sends <paramref name="chunk"/> as part of the body, with the head first if it is not sent yet (Node's
    /// <c>write</c>). Copied, so the caller may reuse its buffer.
    /// </summary>
    /// <param name="chunk">The bytes; an empty chunk sends only the head.</param>
    /// <returns>Whether the caller may go on writing before 'drain'.</returns>
    /// <exception cref="InvalidOperationException">Called after <see cref="End()"/> (Node's write after end), or off the loop thread.</exception>
    public bool Write(ReadOnlyMemory<byte> chunk)
    {
        Loop.VerifyLoopThread();
        if (IsEnded)
        {
            throw new InvalidOperationException("write after end: End() was called on this response, so nothing more can be written to it (Node's ERR_STREAM_WRITE_AFTER_END).");
        }

        return IsDestroyed || Send(chunk.Span, last: false);
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

    /// <summary>Ends the response (Node's <c>end()</c>): the head if not sent yet, with <c>Content-Length: 0</c>, or the chunked body's last chunk. Again does nothing.</summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void End() => End(ReadOnlyMemory<byte>.Empty);

    /// <summary>
    /// Sends <paramref name="chunk"/> as the body's last bytes and ends the response (Node's <c>end(chunk)</c>). When
    /// the head is not sent yet, it says <c>Content-Length</c>: the whole body goes out in one write. Again does nothing.
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
            _connection.ResponseEnded(this);
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

    /// <summary>Destroys the connection, as Node's <c>res.destroy([error])</c>: this response and those after it are not sent.</summary>
    /// <param name="error">The error the socket emits, or null.</param>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Destroy(Exception? error = null) => Socket.Destroy(error);

    void IWritableStream.AddDrainListener(Action listener) => On.Drain(listener);

    void IWritableStream.RemoveDrainListener(Action listener) => Off.Drain(listener);

    void IWritableStream.AddFinishListener(Action listener) => On.Finish(listener);

    void IStream.AddErrorListener(Action<Exception> listener) => On.Error(listener);

    void IStream.AddCloseListener(Action listener) => On.Closed(listener);

    /// <summary>The socket took what this response had queued past its mark.</summary>
    [Event] internal partial void Drain();

    /// <summary>The whole response was handed to the socket.</summary>
    [Event] partial void Finish();

    /// <summary>Not emitted by the response itself: the socket's errors are the socket's, as in Node.</summary>
    [Event] partial void Error(Exception error);

    /// <summary>Last: after 'finish', or when the connection closed first.</summary>
    [Event("close")] partial void Closed();

    /// <summary>What this response framed while responses ahead of it were still being sent; the connection sends it in its turn.</summary>
    internal List<byte[]>? Held { get; set; }

    /// <summary>Everything is handed to the socket: 'finish' after the current callback, then 'close'.</summary>
    internal void Finished() => Loop.Defer(LoopCallback.ForTarget(EmitFinish, this));

    /// <summary>The connection closed: this response is done, finished or not.</summary>
    internal void ConnectionClosed()
    {
        if (!IsDestroyed)
        {
            IsDestroyed = true;
            Loop.Defer(LoopCallback.ForTarget(EmitClose, this));
        }
    }

    /// <summary>Frames <paramref name="data"/> (head first when not sent) and hands it to the connection.</summary>
    private bool Send(ReadOnlySpan<byte> data, bool last)
    {
        HeadBuilder prefix = _connection.Prefix;
        prefix.Clear();
        if (!_headWritten)
        {
            _headWritten = true;
            HeadersSent = true;
            WriteHeadTo(prefix, last && !_headFixed ? data.Length : -1);
        }

        if (!_hasBody)
        {
            data = default; // HEAD, 204, 304: the body is dropped, as Node drops it
        }

        ReadOnlySpan<byte> suffix = _chunked ? prefix.AppendChunkFraming(data.Length, last) : default;
        return _connection.Send(this, prefix.Written, data, suffix);
    }

    /// <summary>The status line and headers, as Node's <c>_storeHeader</c> orders and completes them.</summary>
    /// <param name="prefix">Where the head goes.</param>
    /// <param name="wholeBodyLength">The body's length when this is its only write, or -1.</param>
    private void WriteHeadTo(HeadBuilder prefix, int wholeBodyLength)
    {
        prefix.Append("HTTP/1.1 "u8); // to an HTTP/1.0 client too, as Node answers
        prefix.AppendDecimal(_statusCode);
        prefix.Append(" "u8);
        prefix.Append(StatusMessage ?? HttpStatus.ReasonPhrase(_statusCode) ?? "unknown");
        prefix.Append("\r\n"u8);

        bool hasConnection = false, hasContentLength = false, hasTransferEncoding = false, hasDate = false;
        foreach ((string name, string[] values) in _headers.Fields)
        {
            foreach (string value in values)
            {
                prefix.AppendHeader(name, value);
            }

            hasConnection |= name.Equals("connection", StringComparison.OrdinalIgnoreCase);
            hasContentLength |= name.Equals("content-length", StringComparison.OrdinalIgnoreCase);
            hasTransferEncoding |= name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase);
            hasDate |= name.Equals("date", StringComparison.OrdinalIgnoreCase);
        }

        if (SendDate && !hasDate)
        {
            prefix.Append(HttpDate.Line);
        }

        _hasBody = !_isHead && _statusCode is not (204 or 304) and not (>= 100 and < 200);
        ShouldKeepAlive &= !_connection.IsServerClosing; // a closing server lets its connections end after their responses
        bool chunkedAllowed = Request.HttpVersionMinor >= 1;
        if (hasConnection)
        {
            ShouldKeepAlive &= !_headers.HasToken("connection", "close");
        }
        else if (ShouldKeepAlive && (hasContentLength || chunkedAllowed))
        {
            prefix.Append("Connection: keep-alive\r\n"u8);
            if (_connection.KeepAliveTimeoutSeconds > 0)
            {
                prefix.Append("Keep-Alive: timeout="u8);
                prefix.AppendDecimal(_connection.KeepAliveTimeoutSeconds);
                prefix.Append("\r\n"u8);
            }
        }
        else
        {
            ShouldKeepAlive = false;
            prefix.Append("Connection: close\r\n"u8);
        }

        if (hasTransferEncoding)
        {
            _chunked = _headers.HasToken("transfer-encoding", "chunked");
        }
        else if (!hasContentLength && _hasBody)
        {
            if (!chunkedAllowed)
            {
                ShouldKeepAlive = false; // an HTTP/1.0 body ends where the connection does
            }
            else if (wholeBodyLength >= 0)
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

    private void VerifyHeadNotSent(string action)
    {
        if (HeadersSent)
        {
            throw new InvalidOperationException(
                $"Cannot {action} after the head was sent (Node's ERR_HTTP_HEADERS_SENT): set headers before WriteHead, Write or End.");
        }
    }

    private void OnFinished()
    {
        if (IsFinished)
        {
            return;
        }

        IsFinished = true;
        IsDestroyed = true;
        try
        {
            Finish();
        }
        finally
        {
            Closed();
        }
    }
}
