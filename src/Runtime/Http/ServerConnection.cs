using Loopwire.Net;

namespace Loopwire.Http;

/// <summary>
/// One connection of an <see cref="HttpServer"/>, as Node's <c>connectionListener</c> and its parser callbacks: parses
/// what arrives, emits each request with its response, sends the responses in order, keeps the connection alive
/// between requests, and answers a malformed or too slow client as Node does.
/// </summary>
internal sealed class ServerConnection : IIncomingBodySource
{
    private static readonly ReadOnlyMemory<byte> ContinueLine = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();
    private static readonly Action<Exception> IgnoreError = static _ => { }; // a reset by the client: 'close' follows, and the server goes on

    private readonly HttpServer _server;
    private readonly INetSocket _socket;
    private readonly HttpParser _parser;
    private readonly Queue<ServerResponse> _responses = new(); // the first writes to the socket; the rest hold their bytes
    private readonly SocketListeners _listeners;
    private readonly Action _destroy;

    private IncomingMessage? _incoming; // the request whose body is being read
    private int _requestCount;
    private bool _inMessage;            // bytes of a request have arrived, and it is not complete
    private bool _headDone;
    private long _messageStart;         // Loop.Now when the current request's first bytes were read
    private bool _bodyFull;             // the request's unread body is at its mark: reading stops
    private bool _outputFull;           // the socket's queue is at its mark: reading stops, as Node stops a pipelining client
    private bool _peerEnded;
    private bool _done;                 // the connection is ending, failed or upgraded: nothing more is parsed

    public ServerConnection(HttpServer server, INetSocket socket)
    {
        _server = server;
        _socket = socket;
        _parser = new HttpParser(HttpParserKind.Request, server.Options.MaxHeaderSize);
        _destroy = () => socket.Destroy();
        _listeners = new SocketListeners(OnData, OnPeerEnded, OnDrain, OnClosed, timeout: _destroy, IgnoreError);
        socket.AllowHalfOpen = true; // a client that ends its side still gets its responses, as in Node
        socket.SetNoDelay();         // each response goes out at once, as Node's server does
        _listeners.AddTo(socket);
    }

    /// <summary>The builder each response frames its bytes in; its contents are copied by <see cref="Send"/>.</summary>
    public HeadBuilder Prefix { get; } = new();

    /// <summary>What the <c>Keep-Alive</c> header announces: the server's keep-alive timeout in whole seconds.</summary>
    public long KeepAliveTimeoutSeconds => (long)(_server.Options.KeepAliveTimeout / 1000);

    /// <summary>Whether the server was closed: responses not yet framed say <c>Connection: close</c>.</summary>
    public bool IsServerClosing => _server.IsClosing;

    /// <summary>Whether no request is under way and no response pending: what <see cref="HttpServer.CloseIdleConnections"/> closes.</summary>
    public bool IsIdle => !_inMessage && _responses.Count == 0;

    /// <summary>
    /// Hands a response's framed bytes to the socket when it is the response being sent, or holds a copy until the
    /// responses ahead of it are done.
    /// </summary>
    /// <returns>Whether the response may go on writing before its 'drain'.</returns>
    public bool Send(ServerResponse response, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data, ReadOnlySpan<byte> suffix)
    {
        if (_socket.IsDestroyed || !_socket.IsWritable)
        {
            return false;
        }

        if (_responses.Peek() == response)
        {
            bool belowMark = _socket.Write(prefix, data, suffix);
            _outputFull |= !belowMark;
            UpdateReading();
            return belowMark;
        }

        byte[] held = new byte[prefix.Length + data.Length + suffix.Length];
        prefix.CopyTo(held);
        data.CopyTo(held.AsSpan(prefix.Length));
        suffix.CopyTo(held.AsSpan(prefix.Length + data.Length));
        (response.Held ??= []).Add(held);
        return response.Held.Sum(static bytes => bytes.Length) < _socket.HighWaterMark;
    }

    /// <summary>A response ended: when it is the one being sent, it and those done behind it are finished in turn.</summary>
    public void ResponseEnded(ServerResponse response)
    {
        if (_responses.TryPeek(out ServerResponse? current) && current == response)
        {
            FinishResponses();
        }
    }

    /// <summary>The server is closing: end now if idle, else after the response being sent.</summary>
    public void CloseIfIdle()
    {
        if (IsIdle)
        {
            _socket.Destroy();
        }
    }

    /// <summary>Destroys the connection now, busy or not.</summary>
    public void Destroy() => _socket.Destroy();

    /// <summary>
    /// Whether the request under way has outlived the server's <see cref="HttpServerOptions.HeadersTimeout"/> (for
    /// its head) or <see cref="HttpServerOptions.RequestTimeout"/> (for all of it); if so, answers 408 and closes, as
    /// Node's <c>checkConnections</c> does.
    /// </summary>
    public void CheckTimeouts(long now)
    {
        if (!_inMessage || _done)
        {
            return;
        }

        HttpServerOptions options = _server.Options;
        double elapsed = now - _messageStart;
        if ((!_headDone && options.HeadersTimeout > 0 && elapsed >= options.HeadersTimeout) ||
            (options.RequestTimeout > 0 && elapsed >= options.RequestTimeout))
        {
            OnClientError(new HttpRequestTimeoutException());
        }
    }

    void IIncomingBodySource.BodyDrained()
    {
        if (_bodyFull)
        {
            _bodyFull = false;
            UpdateReading();
        }
    }

    private void OnData(ReadOnlyMemory<byte> chunk)
    {
        ReadOnlySpan<byte> data = chunk.Span;
        int offset = 0;
        while (!_done)
        {
            if (!_inMessage && offset < data.Length)
            {
                _inMessage = true;
                _messageStart = _socket.Loop.Now;
                _socket.SetTimeout(0); // the keep-alive wait is over; the request's own limits apply now
            }

            HttpParseStep step = _parser.Read(data[offset..], out int consumed);
            int start = offset;
            offset += consumed;
            switch (step)
            {
                case HttpParseStep.NeedMore:
                    UpdateReading(); // every byte is parsed; a step with none left (a message's end) was asked for first
                    return;
                case HttpParseStep.HeadComplete:
                    OnHead(chunk[offset..]);
                    break;
                case HttpParseStep.Body:
                    _bodyFull |= _incoming?.PushBody(chunk.Slice(start + _parser.BodyStart, _parser.BodyLength)) == false;
                    break;
                case HttpParseStep.MessageComplete:
                    _inMessage = false;
                    _headDone = false;
                    _incoming?.Complete(_parser.RawTrailers);
                    _incoming = null;
                    WaitIfIdle();
                    break;
                case HttpParseStep.Error:
                    OnClientError(_parser.Error!);
                    return;
            }
        }
    }

    private void OnHead(ReadOnlyMemory<byte> rest)
    {
        _headDone = true;
        _requestCount++;
        var request = new IncomingMessage(_socket, _parser, this);
        _incoming = request;
        if (_parser.Upgrade && TryUpgrade(request, rest))
        {
            return;
        }

        HttpServerOptions options = _server.Options;
        bool keepAlive = _parser.KeepAlive && !_server.IsClosing &&
                         (options.MaxRequestsPerSocket == 0 || _requestCount < options.MaxRequestsPerSocket);
        var response = new ServerResponse(this, request, keepAlive);
        _responses.Enqueue(response);

        if (request.HttpVersionMinor >= 1 && options.RequireHostHeader && IncomingHeaders.First(request.RawHeaders, "host") is null)
        {
            // As Node's requireHostHeader: 400, and no 'request'.
            response.WriteHead(400, headers: [new("Connection", "close")]).End();
            return;
        }

        string? expect = IncomingHeaders.First(request.RawHeaders, "expect");
        if (expect is null || request.HttpVersionMinor == 0)
        {
            _server.EmitRequest(request, response);
        }
        else if (expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            if (!_server.EmitCheckContinue(request, response))
            {
                Send(response, ContinueLine.Span, default, default);
                _server.EmitRequest(request, response);
            }
        }
        else
        {
            response.WriteHead(417).End(); // Node's answer to an expectation it cannot meet, with no checkExpectation listener
        }
    }

    /// <summary>An upgrade or CONNECT request: handed over with the socket when the server listens for it.</summary>
    private bool TryUpgrade(IncomingMessage request, ReadOnlyMemory<byte> rest)
    {
        bool connect = request.Method == "CONNECT";
        if (!_server.HasUpgradeListener(connect))
        {
            if (connect)
            {
                _done = true;
                _socket.Destroy(); // as Node: a CONNECT nobody handles is not answered
                return true;
            }

            return false; // an upgrade nobody wants is an ordinary request, as in Node
        }

        Detach();
        request.Complete([]);
        _server.EmitUpgrade(connect, request, _socket, rest.ToArray());
        return true;
    }

    /// <summary>The responses ahead are done: finish each, hand the next its turn, end the connection after the last one that asks.</summary>
    private void FinishResponses()
    {
        while (_responses.TryPeek(out ServerResponse? response) && response.IsEnded)
        {
            _responses.Dequeue();
            response.Finished();
            if (response.Request is { IsComplete: false } request)
            {
                request.Dump(); // nobody read the rest of the body: read and drop it, so the next request can come
            }

            if (!response.ShouldKeepAlive || _server.IsClosing)
            {
                EndConnection();
                return;
            }

            if (_responses.TryPeek(out ServerResponse? next) && next.Held is { } held)
            {
                next.Held = null;
                foreach (byte[] bytes in held)
                {
                    _outputFull |= !_socket.Write(bytes);
                }
            }
        }

        if (_responses.Count == 0 && _peerEnded)
        {
            EndConnection();
        }
        else
        {
            WaitIfIdle();
        }

        UpdateReading();
    }

    /// <summary>No request under way and no response pending: the connection waits keepAliveTimeout for the next request.</summary>
    private void WaitIfIdle()
    {
        if (IsIdle && !_done && _server.Options.KeepAliveTimeout > 0)
        {
            _socket.SetTimeout(_server.Options.KeepAliveTimeout);
        }
    }

    private void OnDrain()
    {
        _outputFull = false;
        if (_responses.TryPeek(out ServerResponse? response))
        {
            response.Drain();
        }

        UpdateReading();
    }

    private void OnPeerEnded()
    {
        _peerEnded = true;
        if (_done)
        {
            return;
        }

        if (_parser.Finish() == HttpParseStep.Error)
        {
            OnClientError(_parser.Error!);
            return;
        }

        _incoming?.Abort();
        if (_responses.Count == 0)
        {
            EndConnection();
        }
    }

    private void OnClosed(bool hadError)
    {
        _done = true;
        _incoming?.Abort();
        foreach (ServerResponse response in _responses)
        {
            response.ConnectionClosed();
        }

        _responses.Clear();
        _parser.Release();
        _server.Forget(this);
    }

    /// <summary>
    /// Bad input or a timeout: the server's 'clientError' listeners decide; with none, Node's answer (400, 408 or 431)
    /// goes out, unless a response already started, and the connection closes.
    /// </summary>
    private void OnClientError(Exception error)
    {
        _done = true;
        _incoming?.Abort();
        if (_server.EmitClientError(error, _socket))
        {
            return;
        }

        if (_socket.IsWritable && (!_responses.TryPeek(out ServerResponse? current) || !current.HeadersSent))
        {
            _socket.Write(ClientErrorResponses.For(error));
        }

        _socket.AddFinishListener(_destroy); // destroyed once the answer is out; a client that never reads is destroyed by the timeout
        EndConnection();
    }

    private void EndConnection()
    {
        _done = true;
        _socket.End();
    }

    /// <summary>Gives the socket up to an upgrade's listener: none of this connection's listeners stay.</summary>
    private void Detach()
    {
        _done = true;
        _inMessage = false;
        _parser.Release();
        _socket.SetTimeout(0);
        _listeners.RemoveFrom(_socket);
        _server.Forget(this);
    }

    private void UpdateReading()
    {
        if (_socket.IsDestroyed)
        {
            return;
        }

        if (_bodyFull || _outputFull)
        {
            _socket.Pause();
        }
        else if (_socket.IsPaused && !_done)
        {
            _socket.Resume();
        }
    }
}
