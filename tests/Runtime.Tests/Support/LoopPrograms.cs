using System.Runtime.ExceptionServices;

namespace Loopwire.Tests.Support;

/// <summary>Runs an async test body as a loop's main program, so its awaits resume on the loop thread.</summary>
internal static class LoopPrograms
{
    private const int Seconds = 30;

    /// <summary>
    /// Runs <paramref name="body"/> to the loop's end and rethrows what it threw (a failed assertion). A body that
    /// fails, or a loop still running after 30 s, stops the loop, so a broken test fails instead of hanging on the
    /// handles it left open.
    /// </summary>
    public static void Run(Func<EventLoop, Task> body)
    {
        ExceptionDispatchInfo? failure = null;
        int exitCode = EventLoop.RunMain(async loop =>
        {
            loop.SetTimeout(() =>
            {
                failure ??= ExceptionDispatchInfo.Capture(new TimeoutException($"The loop was still running after {Seconds} s."));
                loop.Stop();
            }, Seconds * 1000).Unref();
            try
            {
                await body(loop);
            }
            catch (Exception error)
            {
                failure = ExceptionDispatchInfo.Capture(error);
                loop.Stop();
            }
        });

        failure?.Throw();
        Assert.Equal(0, exitCode);
    }
}
