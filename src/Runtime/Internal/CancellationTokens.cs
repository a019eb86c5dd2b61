namespace Loopwire.Internal;

/// <summary>Joins the token an async stream was made with and the one its enumeration was given (<c>WithCancellation</c>).</summary>
internal static class CancellationTokens
{
    /// <summary>
    /// A token cancelled when either is; <paramref name="linked"/> is set when that takes a new source, which the
    /// caller disposes when done.
    /// </summary>
    public static CancellationToken Join(CancellationToken first, CancellationToken second, out CancellationTokenSource? linked)
    {
        linked = null;
        if (!second.CanBeCanceled || second == first)
        {
            return first;
        }

        if (!first.CanBeCanceled)
        {
            return second;
        }

        linked = CancellationTokenSource.CreateLinkedTokenSource(first, second);
        return linked.Token;
    }
}
