using System.Net.Sockets;
using Loopwire.Internal.Linux;

namespace Loopwire.Net;

/// <summary>
/// What a socket's receives and sends share on the epoll backend, as libuv's streams and UDP handles share
/// <c>uv__io_t</c>: the socket is non-blocking; one receive and one send may wait for readiness, and the descriptor
/// is watched for exactly what waits (not at all while nothing does, so a paused socket costs nothing). A ready
/// operation is retried on the loop thread and completes from the poll phase; one that finished inside the call that
/// started it, or that <see cref="Close"/> aborts, completes in the next pending phase.
/// </summary>
internal abstract class EpollSocketIo : IoWatcher
{
    /// <summary>Receives per readiness report at most, as libuv's <c>uv__read</c>: a peer that keeps up cannot starve the loop.</summary>
    private const int MaxReceivesPerReadiness = 32;

    private static readonly Action<object?> s_deliverReceive = static io => ((EpollSocketIo)io!).DeliverReceive();
    private static readonly Action<object?> s_deliverSend = static io => ((EpollSocketIo)io!).DeliverSend();

    private readonly EpollBackend _epoll;
    private readonly int _fd;
    private bool _receiveWaiting;
    private bool _sendWaiting;
    private bool _closed;

    protected EpollSocketIo(EpollBackend epoll, EventLoop loop, Socket socket)
    {
        _epoll = epoll;
        Loop = loop;
        Socket = socket;
        socket.Blocking = false; // a no-op for accepted sockets, which inherit it from their listener
        _fd = (int)socket.SafeHandle.DangerousGetHandle();
    }

    protected EventLoop Loop { get; }

    protected Socket Socket { get; }

    /// <summary>Ends the operations: the descriptor is no longer watched, and what waited completes, aborted.</summary>
    public void Close()
    {
        _closed = true;
        _epoll.Watch(this, _fd, 0);
        if (_receiveWaiting)
        {
            _receiveWaiting = false;
            AbortReceive();
            Complete(Loop, s_deliverReceive, fromPoll: false);
        }

        if (_sendWaiting)
        {
            _sendWaiting = false;
            AbortSend();
            Complete(Loop, s_deliverSend, fromPoll: false);
        }
    }

    internal sealed override void OnReady(uint events)
    {
        // An error or hang-up is reported whatever was asked for: the operation waiting then finds it out itself.
        bool failed = (events & (Epoll.Err | Epoll.Hup)) != 0;
        if (_sendWaiting && (failed || (events & Epoll.Out) != 0) && TrySend())
        {
            _sendWaiting = false; // before the delivery, which may start the next send
            Complete(Loop, s_deliverSend, fromPoll: true);
        }

        if (failed || (events & Epoll.In) != 0)
        {
            ReceiveWhileReady();
        }

        Watch();
    }

    /// <summary>Makes the next readiness report call <see cref="TryReceive"/>.</summary>
    protected void WaitToReceive()
    {
        _receiveWaiting = true;
        Watch();
    }

    /// <summary>Makes the next writability report call <see cref="TrySend"/>.</summary>
    protected void WaitToSend()
    {
        _sendWaiting = true;
        Watch();
    }

    /// <summary>Completes a send (or connect) that finished inside the call that started it, in the next pending phase.</summary>
    protected void SendFinished() => Complete(Loop, s_deliverSend, fromPoll: false);

    /// <summary>Receives, keeping the result for <see cref="DeliverReceive"/>; false when it would block.</summary>
    protected abstract bool TryReceive();

    /// <summary>
    /// Whether the receive just delivered may have left more behind that the owner wants now, so that the same
    /// readiness report receives again; asked only once the owner has started another receive. One receive per report
    /// unless overridden.
    /// </summary>
    protected virtual bool ReceivesAgain => false;

    /// <summary>Sends (or ends a connect), keeping the result for <see cref="DeliverSend"/>; false when it would block.</summary>
    protected abstract bool TrySend();

    /// <summary>Keeps <see cref="SocketError.OperationAborted"/> as the waiting receive's result.</summary>
    protected abstract void AbortReceive();

    /// <summary>Keeps <see cref="SocketError.OperationAborted"/> as the waiting send's result.</summary>
    protected abstract void AbortSend();

    /// <summary>Hands the receive's result to the owner.</summary>
    protected abstract void DeliverReceive();

    /// <summary>Hands the send's result to the owner.</summary>
    protected abstract void DeliverSend();

    /// <summary>
    /// Receives and delivers, then again while <see cref="ReceivesAgain"/> and the owner has started the next receive,
    /// as libuv's <c>uv__read</c> loops: a loop rather than a call from the delivery, so the stack does not grow per
    /// receive. Stops at the cap, when a receive would block, or when the owner paused, closed or stopped reading.
    /// </summary>
    private void ReceiveWhileReady()
    {
        for (int receives = 0; receives < MaxReceivesPerReadiness && _receiveWaiting && TryReceive(); receives++)
        {
            _receiveWaiting = false; // before the delivery, which may start the next receive
            Complete(Loop, s_deliverReceive, fromPoll: true);
            if (!_receiveWaiting || !ReceivesAgain)
            {
                return; // the owner stopped or closed, or nothing more waits
            }
        }
    }

    private void Watch()
    {
        uint wanted = (_receiveWaiting ? Epoll.In : 0) | (_sendWaiting ? Epoll.Out : 0);
        _epoll.Watch(this, _fd, _closed ? 0 : wanted);
    }
}
