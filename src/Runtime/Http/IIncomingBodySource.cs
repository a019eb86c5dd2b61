namespace Loopwire.Http;

/// <summary>Where an <see cref="IncomingMessage"/>'s body comes from: the connection that reads it.</summary>
internal interface IIncomingBodySource
{
    /// <summary>The body has room again, or is gone: the connection may read on if it stopped for it.</summary>
    void BodyDrained();
}
