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

    /// <summary>What <paramref name="main"/>, run as a loop's main program, returned; the program must exit with 0.</summary>
    public static T OnLoop<T>(Func<EventLoop, Task<T>> main)
    {
        T result = default!;
        Assert.Equal(0, EventLoop.RunMain(async loop => result = await main(loop)));
        return result;
    }

    /// <summary>What <paramref name="main"/>, run as a loop's main program, threw; it must throw.</summary>
    public static Exception FailureOnLoop(Func<EventLoop, Task> main)
    {
        Exception? failure = null;
        EventLoop.RunMain(async loop =>
        {
            try
            {
                await main(loop);
            }
            catch (Exception error)
            {
                failure = error;
            }
        });
        return Assert.IsAssignableFrom<Exception>(failure);
    }
}
