using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>
/// A <see cref="TcpServer"/>'s accepts on the portable backend: they run on .NET's socket threads, and each completion
/// is posted to the loop and runs in its poll phase.
/// </summary>
internal sealed class CompletionListenerIo : IListenerIo
{
    private readonly TcpServer _owner;
    private readonly Socket _listener;
    private readonly SocketOperation _accept;
    private bool _accepting;
    private bool _closed;

    public CompletionListenerIo(TcpServer owner, Socket listener)
    {
        _owner = owner;
        _listener = listener;
        _accept = new SocketOperation(owner.Loop, static io => ((CompletionListenerIo)io!).Accepted(), this);
    }

    public void Accept()
    {
        _accepting = true;
        _accept.AcceptSocket = null;
        _accept.Started(_listener.AcceptAsync(_accept));
    }

    public void Close()
    {
        // .NET may keep the descriptor open until the accept in flight has let go of it, and meanwhile the kernel
        // still queues connections, which are then reset. Shut down, the listener stops listening at once, as
        // libuv's close does; disposing it then aborts the accept, whose operation is disposed after its completion.
        try
        {
            _listener.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Not listening where shutting down is refused: disposing closes it all the same.
        }

        _closed = true;
        if (!_accepting)
        {
            _accept.Dispose();
        }
    }

    private void Accepted()
    {
        _accepting = false;
        Socket? accepted = _accept.AcceptSocket;
        SocketError error = _accept.SocketError;
        _accept.AcceptSocket = null;
        if (_closed)
        {
            _accept.Dispose();
        }

        _owner.OnAccepted(accepted, error);
    }
}
