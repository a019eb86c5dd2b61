using System.Net.Sockets;
using Loopwire.Internal;

namespace Loopwire.Net;

/// <summary>
/// One reusable socket operation (accept, connect, receive or send) whose completion runs on the loop: .NET completes
/// it on a socket thread, which only queues the target's dispatcher into the loop's inbox, as
/// <see cref="AsyncHandle.Send"/> does. The loop reads the result (<see cref="SocketAsyncEventArgs.SocketError"/>,
/// <see cref="SocketAsyncEventArgs.BytesTransferred"/>) in its poll phase; the inbox's queue orders those reads after
/// the socket thread's writes.
/// </summary>
internal sealed class SocketOperation : SocketAsyncEventArgs
{
    private readonly Inbox _inbox;
    private readonly LoopCallback _completion;

    /// <summary>Creates an operation whose completions call <paramref name="dispatch"/> with <paramref name="target"/> on <paramref name="loop"/>.</summary>
    public SocketOperation(EventLoop loop, Action<object?> dispatch, object target)
        : base(unsafeSuppressExecutionContextFlow: true) // nothing of the caller's context belongs on a socket thread
    {
        _inbox = loop.Inbox;
        _completion = LoopCallback.ForTarget(dispatch, target);
    }

    /// <summary>
    /// Takes the result of a <c>Socket.*Async(SocketAsyncEventArgs)</c> call: when it completed at once (false), its
    /// completion is queued all the same, so completions always run in the poll phase and never inside the caller.
    /// </summary>
    public void Started(bool pending)
    {
        if (!pending)
        {
            _inbox.Enqueue(_completion);
        }
    }

    /// <summary>Runs on a .NET socket thread: only queues the completion, touching no loop state.</summary>
    protected override void OnCompleted(SocketAsyncEventArgs e) => _inbox.Enqueue(_completion);
}
