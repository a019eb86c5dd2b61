using Loopwire.Net;

namespace Loopwire.Http;

/// <summary>
/// The listeners an HTTP connection keeps on its socket, made once and added or removed together: removed, they leave
/// the socket as it was for whoever takes it over (an upgrade's listener).
/// </summary>
internal sealed class SocketListeners(
    Action<ReadOnlyMemory<byte>> data, Action end, Action drain, Action<bool> close, Action timeout, Action<Exception> error)
{
    public void AddTo(INetSocket socket)
    {
        socket.AddDataListener(data);
        socket.AddEndListener(end);
        socket.AddDrainListener(drain);
        socket.AddCloseListener(close);
        socket.AddTimeoutListener(timeout);
        socket.AddErrorListener(error);
    }

    public void RemoveFrom(INetSocket socket)
    {
        socket.RemoveDataListener(data);
        socket.RemoveEndListener(end);
        socket.RemoveDrainListener(drain);
        socket.RemoveCloseListener(close);
        socket.RemoveTimeoutListener(timeout);
        socket.RemoveErrorListener(error);
    }
}
