using Loopwire.Processes;

namespace Loopwire;

/// <content>This process's stdin, stdout and stderr as streams: Node's <c>process.stdin</c>, <c>process.stdout</c> and <c>process.stderr</c>.</content>
public sealed partial class EventLoop
{
    private ProcessReadable? _stdin;
    private SyncWriteStream? _stdout;
    private SyncWriteStream? _stderr;

    /// <summary>
    /// This process's stdin as a readable stream, as Node's <c>process.stdin</c>: made at first use, it reads nothing
    /// until it flows (a 'data' listener, <see cref="ProcessReadable.Resume"/>, a pipe, <c>ReadAllAsync</c> or
    /// <c>ReadLinesAsync</c>), and then keeps the loop alive until it ends, is paused or destroyed. Reads run on a
    /// pool thread (.NET's console stream), each posted to the loop.
    /// </summary>
    /// <exception cref="InvalidOperationException">First used off the loop thread.</exception>
    /// <remarks>One loop should read stdin: the loops of one process share it.</remarks>
    public ProcessReadable Stdin => _stdin ??= new StandardInput(this, Console.OpenStandardInput()).Stream;

    /// <summary>
    /// This process's stdout as a stream, as Node's <c>process.stdout</c>: each write reaches fd 1 before it returns,
    /// in order with what <see cref="Console"/> wrote before (see <see cref="SyncWriteStream"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">First used off the loop thread.</exception>
    public SyncWriteStream Stdout => _stdout ??= StandardOutput(1, Console.OpenStandardOutput);

    /// <summary>This process's stderr as a stream, as Node's <c>process.stderr</c>, written as <see cref="Stdout"/> is.</summary>
    /// <exception cref="InvalidOperationException">First used off the loop thread.</exception>
    public SyncWriteStream Stderr => _stderr ??= StandardOutput(2, Console.OpenStandardError);

    private SyncWriteStream StandardOutput(int fd, Func<Stream> openOnWindows)
    {
        VerifyLoopThread();
        return new SyncWriteStream(this, fd, openOnWindows);
    }
}
