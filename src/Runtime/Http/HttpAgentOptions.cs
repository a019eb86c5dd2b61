namespace Loopwire.Http;

/// <summary>How an <see cref="HttpAgent"/> pools its sockets, as the options of Node's <c>new http.Agent</c>, with its defaults.</summary>
public sealed record HttpAgentOptions
{
    /// <summary>
    /// Whether a socket whose response allowed it is kept for the next request to the same server; false by default,
    /// as Node's <c>new Agent()</c> (the loop's <see cref="HttpAgent.Global"/> keeps them, as Node 20's
    /// <c>http.globalAgent</c>). A kept socket does not keep the loop alive.
    /// </summary>
    public bool KeepAlive { get; init; }

    /// <summary>At most this many sockets per server (host, port and socket path) at once; more requests wait. Unlimited by default.</summary>
    public int MaxSockets { get; init; } = int.MaxValue;

    /// <summary>At most this many sockets for all servers together; unlimited by default.</summary>
    public int MaxTotalSockets { get; init; } = int.MaxValue;

    /// <summary>At most this many kept sockets per server; one freed past it is closed. 256 by default.</summary>
    public int MaxFreeSockets { get; init; } = 256;

    /// <summary>
    /// A socket's idle timeout in milliseconds, 0 (the default) for none: a kept socket idle this long is closed, and a
    /// busy one's request emits <c>timeout</c>. A kept socket is closed a second before the server's announced
    /// <c>Keep-Alive: timeout</c> when that comes sooner, as Node 20 does.
    /// </summary>
    public double Timeout { get; init; }

    /// <summary>Which kept socket a request gets: the most recently freed (<see cref="HttpAgentScheduling.Lifo"/>, the default) or the longest kept.</summary>
    public HttpAgentScheduling Scheduling { get; init; } = HttpAgentScheduling.Lifo;

    /// <summary>Checks the options: every limit at least 1, the timeout 0 or more.</summary>
    internal HttpAgentOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSockets, 1, nameof(MaxSockets));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTotalSockets, 1, nameof(MaxTotalSockets));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFreeSockets, 1, nameof(MaxFreeSockets));
        if (!(Timeout >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be 0 (none) or more milliseconds.");
        }

        if (!Enum.IsDefined(Scheduling))
        {
            throw new ArgumentOutOfRangeException(nameof(Scheduling), Scheduling, "Scheduling must be Lifo or Fifo.");
        }

        return this;
    }
}
