namespace Loopwire.Http;

/// <summary>
/// A request that took longer than the server allows for its head or for all of it (Node's
/// <c>ERR_HTTP_REQUEST_TIMEOUT</c>): what the server's 'clientError' gets before it answers 408.
/// </summary>
public sealed class HttpRequestTimeoutException : TimeoutException
{
    internal HttpRequestTimeoutException()
        : base("Request timeout: the client took longer than the server's HeadersTimeout or RequestTimeout to send its request.")
    {
    }

    /// <summary>Node's error code: <c>ERR_HTTP_REQUEST_TIMEOUT</c>.</summary>
    public string Code => "ERR_HTTP_REQUEST_TIMEOUT";
}
