using System.Runtime.CompilerServices;
using Loopwire.Net;

namespace Loopwire.Http;

/// <summary>
/// Gives client requests their sockets, as Node's <c>http.Agent</c>: a request reuses a kept socket to the same server
/// (host, port and socket path) when there is one, opens a new one while under <see cref="HttpAgentOptions.MaxSockets"/>,
/// and waits otherwise. When a response is read to its end and both sides allowed it, the socket serves the next waiting
/// request, or is kept (with <see cref="HttpAgentOptions.KeepAlive"/>) unref'd, so that it does not keep the loop alive,
/// until reused, closed by the server, or idle past <see cref="HttpAgentOptions.Timeout"/>.
/// </summary>
/// <remarks>
/// An agent belongs to one loop, as its sockets do; use it on that loop's thread. Unlike Node's, a socket freed at a
/// response's end is reusable at once: a request made in that response's <c>end</c> listener gets it, where Node opens
/// another.
/// </remarks>
public sealed class HttpAgent
{
    /// <summary>Node 20's <c>http.globalAgent</c>: sockets kept, idle ones closed after 5 s.</summary>
    private static readonly HttpAgentOptions GlobalOptions = new() { KeepAlive = true, Timeout = 5000 };

    private static readonly ConditionalWeakTable<EventLoop, HttpAgent> GlobalAgents = [];

    private readonly Dictionary<string, AgentPool> _pools = [];
    private int _totalSockets;

    /// <summary>Makes an agent for requests on <paramref name="loop"/>, as Node's <c>new http.Agent(options)</c>.</summary>
    /// <param name="loop">The loop its sockets run on.</param>
    /// <param name="options">How it pools sockets, or null for Node's defaults (no keep-alive, no limits).</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public HttpAgent(EventLoop loop, HttpAgentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loop);
        Loop = loop;
        Options = (options ?? new HttpAgentOptions()).Validated();
    }

    /// <summary>The loop the agent's sockets run on.</summary>
    public EventLoop Loop { get; }

    /// <summary>How the agent pools sockets.</summary>
    public HttpAgentOptions Options { get; }

    /// <summary>The sockets open now, busy or kept, to every server.</summary>
    public int TotalSocketCount => _totalSockets;

    /// <summary>The loop's shared agent, used by requests that name none: Node 20's <c>http.globalAgent</c>, keep-alive with a 5 s idle timeout.</summary>
    /// <param name="loop">The loop.</param>
    /// <returns>The loop's agent, made on first use.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public static HttpAgent Global(EventLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return GlobalAgents.GetValue(loop, static loop => new HttpAgent(loop, GlobalOptions));
    }

    /// <summary>
    /// The name of a request's server in the agent's pools, as Node's <c>agent.getName(options)</c>: <c>host:port:</c>,
    /// then <c>:socketPath</c> for a Unix socket, or <c>:https</c> for HTTPS, and <c>:N</c> after it naming the request's
    /// <see cref="ClientRequestOptions.Tls"/> instance when it has one, so that only requests with the same TLS settings
    /// share a socket (Node adds each TLS option's value).
    /// </summary>
    /// <param name="options">The request's options.</param>
    /// <returns>The name.</returns>
    public static string GetName(ClientRequestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string name = $"{options.Host}:{options.Port}:";
        if (options.SocketPath is not null)
        {
            return $"{name}:{options.SocketPath}";
        }

        if (!options.IsHttps)
        {
            return name;
        }

        return options.Tls is { } tls ? $"{name}:https:{tls.Identity}" : $"{name}:https";
    }

    /// <summary>How many sockets to the server named <paramref name="name"/> are serving a request (Node's <c>agent.sockets[name].length</c>).</summary>
    /// <param name="name">A name from <see cref="GetName"/>.</param>
    /// <returns>The count.</returns>
    public int GetBusySocketCount(string name) => _pools.GetValueOrDefault(name)?.Busy.Count ?? 0;

    /// <summary>How many sockets to the server named <paramref name="name"/> are kept for reuse (Node's <c>agent.freeSockets[name].length</c>).</summary>
    /// <param name="name">A name from <see cref="GetName"/>.</param>
    /// <returns>The count.</returns>
    public int GetFreeSocketCount(string name) => _pools.GetValueOrDefault(name)?.Free.Count ?? 0;

    /// <summary>How many requests to the server named <paramref name="name"/> wait for a socket (Node's <c>agent.requests[name].length</c>).</summary>
    /// <param name="name">A name from <see cref="GetName"/>.</param>
    /// <returns>The count.</returns>
    public int GetWaitingRequestCount(string name) => _pools.GetValueOrDefault(name)?.Waiting.Count ?? 0;

    /// <summary>Destroys every socket, busy or kept (Node's <c>agent.destroy()</c>): their requests fail as if the server hung up. The agent stays usable.</summary>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public void Destroy()
    {
        Loop.VerifyLoopThread();
        foreach (AgentPool pool in _pools.Values.ToArray())
        {
            foreach (ClientConnection connection in pool.Busy.Concat(pool.Free).ToArray())
            {
                connection.Socket.Destroy();
            }
        }
    }

    /// <summary>Gives <paramref name="request"/> a kept socket, a new one, or a place in the queue.</summary>
    internal void AddRequest(ClientRequest request)
    {
        Loop.VerifyLoopThread();
        AgentPool pool = PoolFor(request.AgentName);
        if (TakeFree(pool) is { } kept)
        {
            pool.Busy.Add(kept);
            kept.Assign(request, reused: true);
        }
        else if (pool.SocketCount < Options.MaxSockets && _totalSockets < Options.MaxTotalSockets)
        {
            Open(pool, request);
        }
        else
        {
            pool.Waiting.Add(request);
        }
    }

    /// <summary>A request destroyed while waiting leaves the queue; whether it was there.</summary>
    internal bool RemoveWaiting(ClientRequest request) => _pools.GetValueOrDefault(request.AgentName)?.Waiting.Remove(request) == true;

    /// <summary>
    /// A response was read to its end, its request sent, and both allowed keep-alive (Node's <c>'free'</c>): the socket
    /// serves the next waiting request, or is kept when the agent keeps sockets and the limits allow, or is closed.
    /// </summary>
    internal void Release(ClientConnection connection, string? keepAliveHint)
    {
        AgentPool pool = _pools[connection.Name];
        if (!connection.Socket.IsWritable)
        {
            connection.Socket.Destroy();
            return;
        }

        if (pool.Waiting.Count > 0)
        {
            ClientRequest next = pool.Waiting[0];
            pool.Waiting.RemoveAt(0);
            connection.Assign(next, reused: true);
            return;
        }

        double timeout = KeptSocketTimeout(keepAliveHint);
        if (!Options.KeepAlive || pool.Free.Count >= Options.MaxFreeSockets || timeout < 0)
        {
            connection.Socket.Destroy(); // counted until its 'close', as every socket is
            return;
        }

        pool.Busy.Remove(connection);
        pool.Free.Add(connection);
        connection.Park(timeout);
    }

    /// <summary>A socket closed, or was handed to an upgrade: it leaves its pool, and a waiting request may open another.</summary>
    internal void Removed(ClientConnection connection)
    {
        if (!_pools.TryGetValue(connection.Name, out AgentPool? pool) ||
            !(pool.Busy.Remove(connection) || pool.Free.Remove(connection)))
        {
            return;
        }

        _totalSockets--;
        foreach (AgentPool waiting in _pools.Values)
        {
            while (waiting.Waiting.Count > 0 && waiting.SocketCount < Options.MaxSockets && _totalSockets < Options.MaxTotalSockets)
            {
                ClientRequest next = waiting.Waiting[0];
                waiting.Waiting.RemoveAt(0);
                Open(waiting, next);
            }
        }

        if (pool.IsEmpty)
        {
            _pools.Remove(connection.Name);
        }
    }

    private AgentPool PoolFor(string name)
    {
        if (!_pools.TryGetValue(name, out AgentPool? pool))
        {
            pool = new AgentPool();
            _pools.Add(name, pool);
        }

        return pool;
    }

    private ClientConnection? TakeFree(AgentPool pool)
    {
        if (pool.Free.Count == 0)
        {
            return null;
        }

        int index = Options.Scheduling == HttpAgentScheduling.Lifo ? pool.Free.Count - 1 : 0;
        ClientConnection connection = pool.Free[index];
        pool.Free.RemoveAt(index);
        return connection;
    }

    private void Open(AgentPool pool, ClientRequest request)
    {
        ClientRequestOptions options = request.Options;
        INetSocket socket = options.IsHttps ? TlsSocket.Connect(Loop, options.Port, options.Host, options.Tls)
            : options.SocketPath is { } path ? TcpSocket.Connect(Loop, path)
            : TcpSocket.Connect(Loop, options.Port, options.Host);
        var connection = new ClientConnection(this, socket, request.AgentName);
        _totalSockets++;
        pool.Busy.Add(connection);
        connection.Assign(request, reused: false);
    }

    /// <summary>
    /// How long a kept socket may idle: the agent's timeout, or a second less than the server's announced
    /// <c>Keep-Alive: timeout=N</c> when sooner, as Node 20's <c>keepSocketAlive</c>; -1 when that leaves no time.
    /// </summary>
    private double KeptSocketTimeout(string? keepAliveHint)
    {
        double timeout = Options.Timeout;
        if (keepAliveHint is not null && keepAliveHint.StartsWith("timeout=", StringComparison.Ordinal))
        {
            ReadOnlySpan<char> digits = keepAliveHint.AsSpan("timeout=".Length);
            int end = digits.IndexOfAnyExceptInRange('0', '9');
            if (long.TryParse(end < 0 ? digits : digits[..end], out long seconds))
            {
                double hinted = (seconds * 1000.0) - 1000;
                if (hinted <= 0)
                {
                    return -1;
                }

                timeout = timeout == 0 ? hinted : Math.Min(timeout, hinted);
            }
        }

        return timeout;
    }
}
