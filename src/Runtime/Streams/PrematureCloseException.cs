namespace Loopwire;

/// <summary>
/// A stream closed before it ended or finished, with no error of its own: it was destroyed early. Node's
/// <c>ERR_STREAM_PREMATURE_CLOSE</c>, as <see cref="StreamPipeline"/> and <see cref="StreamReading.ReadAllAsync"/>
/// report it.
/// </summary>
public sealed class PrematureCloseException : IOException
{
    internal PrematureCloseException(string message)
        : base(message)
    {
    }

    /// <summary>Node's <c>error.code</c>: <c>ERR_STREAM_PREMATURE_CLOSE</c>.</summary>
    public string Code => "ERR_STREAM_PREMATURE_CLOSE";
}
