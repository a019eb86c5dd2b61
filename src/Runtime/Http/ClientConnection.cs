using Loopwire.Net;

namespace Loopwire.Http;

/// <summary>
/// One socket of an <see cref="HttpAgent"/>, as Node's client-side socket listeners and parser callbacks: sends a
/// request, parses its response (skipping 1xx ones, handing over an upgrade), then frees the socket for the agent to
/// reuse or closes it, and turns a socket that fails or closes early into the request's error.
/// </summary>
internal sealed class ClientConnection : IIncomingBodySource
{
    private readonly HttpAgent _agent;
    private readonly HttpParser _parser = new(HttpParserKind.Response);
    private readonly SocketListeners _listeners;
    private readonly Action _onResponseEnded;
    private readonly Action _destroy;

    private ClientRequest? _request;   // null while kept by the agent
    private IncomingMessage? _response;
    private bool _informational;       // the head being read is a 1xx: the real response follows
    private bool _responseEnded;       // the response's 'end' was emitted: the socket is freed once the request is sent too
    private bool _bodyFull;            // the response's unread body is at its mark: reading stops
    private bool _detached;            // handed to an upgrade's listener

    public ClientConnection(HttpAgent agent, INetSocket socket, string name)
    {
        _agent = agent;
        Socket = socket;
        Name = name;
        _listeners = new SocketListeners(OnData, OnPeerEnded, () => _request?.OnDrain(), OnClosed, OnTimedOut, OnError);
        _onResponseEnded = OnResponseEnded;
        _destroy = () => socket.Destroy();
        socket.SetNoDelay(); // each request goes out at once, as Node's noDelay default
        _listeners.AddTo(socket);
    }

    /// <summary>The socket.</summary>
    public INetSocket Socket { get; }

    /// <summary>The server's name in the agent's pools.</summary>
    public string Name { get; }

    /// <summary>Gives the socket to <paramref name="request"/>: it writes what it has, and its response is read from here.</summary>
    public void Assign(ClientRequest request, bool reused)
    {
        _request = request;
        _response = null;
        _responseEnded = false;
        _parser.ExpectNoBody = request.Method == "HEAD";
        Socket.Ref();
        Socket.SetTimeout(request.Timeout ?? _agent.Options.Timeout);
        request.Assigned(this, reused);
        UpdateReading();
    }

    /// <summary>Kept by the agent: idle, unref'd so that it does not keep the loop alive, closed after <paramref name="timeout"/> ms (0: never).</summary>
    public void Park(double timeout)
    {
        Socket.SetKeepAlive();
        Socket.Unref();
        Socket.SetTimeout(timeout);
        UpdateReading();
    }

    /// <summary>The request was sent in full: the socket is freed now if its response was already read.</summary>
    public void RequestFinished()
    {
        if (_responseEnded)
        {
            Free();
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
        if (_request is null)
        {
            Socket.Destroy(); // bytes nobody asked for on a kept socket: it cannot be trusted with the next request
            return;
        }

        ReadOnlySpan<byte> data = chunk.Span;
        int offset = 0;
        while (_request is { } request && !_detached)
        {
            HttpParseStep step = _parser.Read(data[offset..], out int consumed);
            int start = offset;
            offset += consumed;
            switch (step)
            {
                case HttpParseStep.NeedMore:
                    UpdateReading();
                    return;
                case HttpParseStep.HeadComplete:
                    OnHead(request, chunk[offset..]);
                    break;
                case HttpParseStep.Body:
                    _bodyFull |= _response?.PushBody(chunk.Slice(start + _parser.BodyStart, _parser.BodyLength)) == false;
                    break;
                case HttpParseStep.MessageComplete:
                    OnMessageComplete(request);
                    break;
                case HttpParseStep.Error:
                    Socket.Destroy(); // first: with no 'error' listener, Fail throws to the loop
                    request.Fail(_parser.Error!);
                    return;
            }
        }
    }

    private void OnHead(ClientRequest request, ReadOnlyMemory<byte> rest)
    {
        _informational = false;
        if (_response is not null)
        {
            Socket.Destroy(); // a second response to one request, as Node: the server cannot be trusted
            return;
        }

        if (request.Method == "CONNECT" || _parser.Upgrade)
        {
            OnUpgrade(request, rest);
            return;
        }

        if (_parser.StatusCode < 200)
        {
            _informational = true;
            request.EmitInformation(new HttpInformation(_parser.StatusCode, _parser.StatusMessage, _parser.VersionMinor, _parser.RawHeaders));
            return;
        }

        _response = new IncomingMessage(Socket, _parser, this);
        _response.On.Ended(_onResponseEnded);
        request.ResponseArrived(_response, _parser.KeepAlive);
    }

    /// <summary>A 101 with Upgrade, or any answer to CONNECT: the socket and the bytes after the head go to the request's listener, or the socket is destroyed.</summary>
    private void OnUpgrade(ClientRequest request, ReadOnlyMemory<byte> rest)
    {
        var response = new IncomingMessage(Socket, _parser, this);
        response.Complete([]);
        bool connect = request.Method == "CONNECT";
        if (!request.HasUpgradeListener(connect))
        {
            _response = response;
            Socket.Destroy(); // as Node: nobody takes the other protocol
            return;
        }

        _detached = true;
        _request = null;
        _parser.Release();
        Socket.SetTimeout(0);
        _listeners.RemoveFrom(Socket);
        _agent.Removed(this);
        request.Upgraded(connect, response, Socket, rest.ToArray());
    }

    private void OnMessageComplete(ClientRequest request)
    {
        if (_informational)
        {
            _informational = false;
            _parser.ExpectNoBody = request.Method == "HEAD"; // the real response is still to come
            return;
        }

        _response?.Complete(_parser.RawTrailers);
    }

    /// <summary>The response was read to its end (Node's <c>responseOnEnd</c>): a socket that may not be kept is ended, else freed once the request is sent.</summary>
    private void OnResponseEnded()
    {
        if (_request is not { } request)
        {
            return;
        }

        _responseEnded = true;
        if (!request.ShouldKeepAlive)
        {
            Socket.AddFinishListener(_destroy); // Node's destroySoon: what the request still queues goes out first
            Socket.End();
        }
        else if (request.IsFinished)
        {
            Free();
        }
    }

    /// <summary>Node's <c>responseKeepAlive</c>: the request is done ('close' follows), and the agent has the socket.</summary>
    private void Free()
    {
        ClientRequest request = _request!;
        string? keepAliveHint = _response is null ? null : IncomingHeaders.First(_response.RawHeaders, "keep-alive");
        _request = null;
        _response = null;
        Socket.SetTimeout(0);
        request.Released();
        _agent.Release(this, keepAliveHint);
    }

    private void OnPeerEnded()
    {
        if (_request is not { } request)
        {
            return; // a kept socket the server closed: 'close' follows, and the agent forgets it
        }

        Socket.Destroy(); // first: with no 'error' listener, Fail throws to the loop
        if (_response is null)
        {
            request.Fail(HttpErrors.SocketHangUp());
        }
        else if (_parser.Finish() == HttpParseStep.MessageComplete)
        {
            _response.Complete([]); // a body that runs to the connection's end
        }
    }

    private void OnError(Exception error) => _request?.Fail(error);

    private void OnTimedOut()
    {
        if (_request is { } request)
        {
            request.EmitTimeout();
        }
        else
        {
            Socket.Destroy(); // a kept socket idle too long
        }
    }

    private void OnClosed(bool hadError)
    {
        _parser.Release();
        _agent.Removed(this);
        if (_request is { } request)
        {
            _request = null;
            try
            {
                if (_response is null)
                {
                    request.Fail(HttpErrors.SocketHangUp());
                }
            }
            finally
            {
                request.Released(); // the request's 'close' first, then a cut-off response's, as Node's socketCloseListener
                if (_response is { IsComplete: false } response)
                {
                    response.Abort(); // 'aborted'
                }
            }
        }
    }

    private void UpdateReading()
    {
        if (Socket.IsDestroyed)
        {
            return;
        }

        if (_bodyFull)
        {
            Socket.Pause();
        }
        else if (Socket.IsPaused)
        {
            Socket.Resume();
        }
    }
}
