namespace Loopwire;

/// <summary>
/// A callback queued by <see cref="EventLoop.SetImmediate(Action)"/> for the check phase: Node's <c>Immediate</c>.
/// A small value, so queueing immediates allocates nothing; it stays valid (doing nothing) after the callback ran.
/// </summary>
public readonly struct Immediate : IEquatable<Immediate>
{
    private readonly EventLoop? _loop;
    private readonly long _id;

    internal Immediate(EventLoop loop, long id)
    {
        _loop = loop;
        _id = id;
    }

    /// <summary>Whether the callback is still queued: not yet run and not cleared.</summary>
    public bool IsPending => _loop is not null && _loop.VerifiedImmediates.IsPending(_id);

    /// <summary>Whether the queued immediate keeps the loop alive; false once it has run or been cleared.</summary>
    public bool HasRef => _loop is not null && _loop.VerifiedImmediates.HasRef(_id);

    /// <summary>Cancels the immediate if it has not run yet, even from inside the check phase that would run it (N6).</summary>
    public void Clear() => _loop?.VerifiedImmediates.Clear(_id);

    /// <summary>Makes the queued immediate keep the loop alive (the default).</summary>
    /// <returns>This immediate.</returns>
    public Immediate Ref()
    {
        _loop?.VerifiedImmediates.SetRef(_id, true);
        return this;
    }

    /// <summary>Lets the loop exit while this immediate is queued; it still runs if the loop gets to the check phase.</summary>
    /// <returns>This immediate.</returns>
    public Immediate Unref()
    {
        _loop?.VerifiedImmediates.SetRef(_id, false);
        return this;
    }

    /// <inheritdoc />
    public bool Equals(Immediate other) => ReferenceEquals(_loop, other._loop) && _id == other._id;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Immediate other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_loop, _id);

    /// <summary>Whether two values denote the same immediate.</summary>
    public static bool operator ==(Immediate left, Immediate right) => left.Equals(right);

    /// <summary>Whether two values denote different immediates.</summary>
    public static bool operator !=(Immediate left, Immediate right) => !left.Equals(right);
}
