using Loopwire.Net;

namespace Loopwire.Samples.HttpHello;

/// <summary>
/// One client connection: parses what arrives, answers each request in order with static bytes, and ends the
/// connection after a request that asked for it, after a bad request (with its error response), after
/// <see cref="Responses.KeepAliveSeconds"/> idle seconds (the socket's timeout), or when the server shuts down.
/// </summary>
internal sealed class HttpConnection
{
    private const double ShutdownGraceMilliseconds = 1000;

    private readonly EventLoop _loop;
    private readonly TcpSocket _socket;
    private readonly HttpRequestParser _parser = new();
    private readonly Action<HttpConnection> _onClosed;
    private Timer? _grace;
    private bool _ended; // our side is ending: nothing more is parsed or written

    public HttpConnection(EventLoop loop, TcpSocket socket, Action<HttpConnection> onClosed)
    {
        _loop = loop;
        _socket = socket;
        _onClosed = onClosed;
        socket.SetNoDelay(); // as Node's http server: each response goes out at once
        socket.SetTimeout(Responses.KeepAliveSeconds * 1000.0); // idle: nothing read or written for that long
        socket.On.Data(OnData)
              .On.Drain(OnDrain)
              .On.TimedOut(() => socket.Destroy())
              .On.Error(static _ => { }) // a reset by the peer: close follows, and the other clients never notice
              .On.Closed(OnClosed);
    }

    /// <summary>The server is shutting down: end after the responses already queued, and destroy soon if the peer lingers.</summary>
    public void Shutdown()
    {
        End();
        _grace = _loop.SetTimeout(static connection => connection._socket.Destroy(), this, ShutdownGraceMilliseconds);
    }

    private void OnData(ReadOnlyMemory<byte> chunk)
    {
        if (_ended)
        {
            return; // after Connection: close or an error: the rest is not read as requests
        }

        ReadOnlySpan<byte> data = chunk.Span;
        bool belowMark = true;
        while (true)
        {
            HttpParseResult result = _parser.Read(ref data);
            if (result == HttpParseResult.NeedMore)
            {
                break;
            }

            if (result == HttpParseResult.Request)
            {
                bool keepAlive = _parser.KeepAlive;
                belowMark = _socket.Write(keepAlive ? Responses.HelloKeepAlive : Responses.HelloClose);
                if (keepAlive)
                {
                    continue; // the next pipelined request, if this chunk holds one
                }
            }
            else
            {
                _socket.Write(Responses.For(result));
            }

            End();
            return;
        }

        if (!belowMark)
        {
            // A client that pipelines without reading the answers: stop reading until they are sent.
            _socket.Pause();
        }
    }

    private void OnDrain()
    {
        if (!_ended)
        {
            _socket.Resume();
        }
    }

    private void End()
    {
        if (!_ended)
        {
            _ended = true;
            _parser.Release();
            _socket.End(); // after the queued responses; the socket closes once the client has ended too
        }
    }

    private void OnClosed(bool hadError)
    {
        _loop.ClearTimeout(_grace);
        _parser.Release();
        _onClosed(this);
    }
}
