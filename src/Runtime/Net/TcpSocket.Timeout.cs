namespace Loopwire.Net;

/// <summary>The idle timeout: Node's <c>socket.setTimeout</c> and its <c>timeout</c> event.</summary>
public sealed partial class TcpSocket
{
    private Timer? _idleTimer;

    /// <summary>The idle time in milliseconds after which <c>timeout</c> is emitted; 0 when none is set (Node's <c>socket.timeout</c>).</summary>
    public double Timeout { get; private set; }

    /// <summary>
    /// Emits <c>timeout</c> once the socket has been idle (nothing connected, read or written) for
    /// <paramref name="milliseconds"/>, as Node's <c>socket.setTimeout(ms)</c>. The socket stays open: end or destroy
    /// it in the listener if that is what the timeout means. Activity restarts the wait; a socket that stays idle
    /// after its <c>timeout</c> is not told again until it has been active. The wait does not keep the loop alive.
    /// </summary>
    /// <param name="milliseconds">
    /// The idle time, up to 2147483647, clamped as the loop's timers are (N5: a fraction is cut off, less than 1 is 1);
    /// 0 turns the timeout off.
    /// </param>
    /// <param name="callback">Added as a once listener of <c>timeout</c>, as Node's callback; with 0, removed instead, as Node does.</param>
    /// <returns>This socket, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative, not a number, or above 2147483647.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    public TcpSocket SetTimeout(double milliseconds, [RunsOnLoop] Action? callback = null)
    {
        Loop.VerifyLoopThread();
        if (milliseconds is not (>= 0 and <= int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(
                nameof(milliseconds), milliseconds, "The timeout must be 0 (none) or a number of milliseconds up to 2147483647 (Node's ERR_OUT_OF_RANGE).");
        }

        Timeout = milliseconds;
        if (milliseconds == 0 || IsClosing)
        {
            if (_idleTimer is not null)
            {
                Loop.StopTimer(_idleTimer); // kept, not closed: a server sets and clears the timeout for every request
            }
        }
        else if (_idleTimer is null)
        {
            _idleTimer = Loop.SetTimeout(static socket => socket.OnIdle(), this, milliseconds);
            _idleTimer.Unref();
        }
        else
        {
            _idleTimer.Restart(EventLoop.ClampDelay(milliseconds));
        }

        if (callback is not null)
        {
            _ = milliseconds == 0 ? Off.TimedOut(callback) : Once.TimedOut(callback);
        }

        return this;
    }

    /// <summary>Restarts the idle wait: the socket connected, read or wrote.</summary>
    private void Touch()
    {
        if (Timeout > 0)
        {
            _idleTimer?.Refresh();
        }
    }

    private void StopIdleTimer()
    {
        Loop.ClearTimeout(_idleTimer);
        _idleTimer = null;
    }

    private void OnIdle()
    {
        if (!IsClosing)
        {
            TimedOut();
        }
    }

    [Event("timeout")]
    private partial void TimedOut();
}
