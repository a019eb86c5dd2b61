namespace Loopwire;

/// <summary>Thrown when an <c>error</c> event whose payload is not an exception is emitted with no listener (E2).</summary>
public sealed class UnhandledErrorException : Exception
{
    /// <summary>Creates the exception for an unhandled <c>error</c> emit.</summary>
    /// <param name="payload">The emitted payload.</param>
    public UnhandledErrorException(object? payload)
        : base($"Unhandled error. ({payload ?? "null"})")
    {
        Payload = payload;
    }

    /// <summary>The payload the <c>error</c> event was emitted with.</summary>
    public object? Payload { get; }
}
