namespace Loopwire.Http;

/// <summary>An <see cref="HttpAgent"/>'s sockets to one server, and the requests waiting for one.</summary>
internal sealed class AgentPool
{
    /// <summary>Sockets serving a request.</summary>
    public List<ClientConnection> Busy { get; } = [];

    /// <summary>Kept sockets, the most recently freed last.</summary>
    public List<ClientConnection> Free { get; } = [];

    /// <summary>Requests waiting for a socket, in the order made.</summary>
    public List<ClientRequest> Waiting { get; } = [];

    public int SocketCount => Busy.Count + Free.Count;

    public bool IsEmpty => SocketCount == 0 && Waiting.Count == 0;
}
