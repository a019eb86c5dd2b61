namespace Loopwire.Tests.Support;

/// <summary>Runs code off the loop thread, for the tests that check what loop APIs do there.</summary>
internal static class Threads
{
    /// <summary>Runs <paramref name="action"/> on a new thread and returns what it threw, or null.</summary>
    public static Exception? OnAnotherThread(Action action)
    {
        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(action));
        thread.Start();
        thread.Join();
        return error;
    }
}
