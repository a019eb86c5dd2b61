namespace Loopwire.Http;

/// <summary>Which kept socket an <see cref="HttpAgent"/> gives the next request, as Node's <c>scheduling</c> option.</summary>
public enum HttpAgentScheduling
{
    /// <summary>The most recently freed: few sockets stay warm, the others time out (Node's <c>'lifo'</c>, the default).</summary>
    Lifo,

    /// <summary>The longest kept: requests spread over every kept socket (Node's <c>'fifo'</c>).</summary>
    Fifo,
}
