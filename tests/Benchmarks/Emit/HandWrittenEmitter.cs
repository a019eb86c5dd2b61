namespace Loopwire.Benchmarks.Emit;

/// <summary>The reference point: a hand-written C# event (a multicast delegate) with the same payload.</summary>
public sealed class HandWrittenEmitter
{
    /// <summary>Raised by <see cref="Raise"/>.</summary>
    public event Action<int, int>? Data;

    /// <summary>Invokes the event's delegates, as a generated emit does its listeners.</summary>
    public bool Raise(int first, int second)
    {
        var handler = Data;
        if (handler is null)
        {
            return false;
        }

        handler(first, second);
        return true;
    }
}
