namespace Loopwire;

/// <summary>
/// A destroyed stream's last events, as Node's <c>emitErrorCloseNT</c>: 'error' when it was destroyed with one, then
/// 'close', which comes even when an 'error' listener throws.
/// </summary>
internal static class DestroyEvents
{
    /// <summary>Emits <paramref name="error"/>, if any, with <paramref name="emitError"/>, then <paramref name="emitClose"/>.</summary>
    public static void Emit(Exception? error, Action<Exception> emitError, Action emitClose)
    {
        try
        {
            if (error is not null)
            {
                emitError(error);
            }
        }
        finally
        {
            emitClose();
        }
    }
}
