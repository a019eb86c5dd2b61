namespace Loopwire.Processes;

/// <summary>
/// Reads an ignored stdout or stderr (<see cref="StdioMode.Ignore"/>) to its end and throws the bytes away, all off
/// the loop: what writing to the null device would do for the child, which .NET cannot give it.
/// </summary>
internal static class DiscardedOutput
{
    private const int ReadSize = 4096;

    /// <summary>Starts draining <paramref name="stream"/> on the pool; it is disposed at its end.</summary>
    public static void Drain(Stream stream) => _ = Task.Run(() => DrainAsync(stream));

    private static async Task DrainAsync(Stream stream)
    {
        byte[] buffer = new byte[ReadSize];
        try
        {
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Nobody listens to an ignored stream: a failed read just ends the draining.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }
}
