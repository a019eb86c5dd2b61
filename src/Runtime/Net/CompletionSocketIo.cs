using System.Net;
using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>
/// What a socket's receives and sends share on the portable backend: each runs on .NET's socket threads as one
/// reusable <see cref="SocketOperation"/>, whose completion is posted to the loop and runs in its poll phase.
/// <see cref="Close"/> lets what is in flight complete (aborted, once the socket is disposed) and disposes each
/// operation after its last completion.
/// </summary>
internal abstract class CompletionSocketIo
{
    private readonly SocketOperation _receive;
    private readonly SocketOperation _send;
    private bool _receiving;
    private bool _sending;
    private bool _closed;

    protected CompletionSocketIo(EventLoop loop, Socket socket)
    {
        Socket = socket;
        _receive = new SocketOperation(loop, static io => ((CompletionSocketIo)io!).Received(), this);
        _send = new SocketOperation(loop, static io => ((CompletionSocketIo)io!).Sent(), this);
    }

    protected Socket Socket { get; }

    /// <summary>Ends the operations: each is disposed now if idle, else once its completion has run.</summary>
    public void Close()
    {
        _closed = true;
        if (!_receiving)
        {
            _receive.Dispose();
        }

        if (!_sending)
        {
            _send.Dispose();
        }
    }

    /// <summary>The receive operation, now in flight: the caller sets it up and starts it.</summary>
    protected SocketOperation BeginReceive()
    {
        _receiving = true;
        return _receive;
    }

    /// <summary>The send operation, now in flight (a send or a connect): the caller sets it up and starts it.</summary>
    protected SocketOperation BeginSend()
    {
        _sending = true;
        return _send;
    }

    /// <summary>Hands a receive's result to the owner.</summary>
    protected abstract void OnReceived(int count, SocketError error, EndPoint? from);

    /// <summary>Hands a send's (or connect's) result to the owner.</summary>
    protected abstract void OnSent(int count, SocketError error);

    private void Received()
    {
        _receiving = false;
        (int count, SocketError error, EndPoint? from) = (_receive.BytesTransferred, _receive.SocketError, _receive.RemoteEndPoint);
        if (_closed)
        {
            _receive.Dispose();
        }

        OnReceived(count, error, from);
    }

    private void Sent()
    {
        _sending = false;
        (int count, SocketError error) = (_send.BytesTransferred, _send.SocketError);
        if (_closed)
        {
            _send.Dispose();
        }

        OnSent(count, error);
    }
}
