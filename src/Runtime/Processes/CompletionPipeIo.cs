using Loopwire.Internal;

namespace Loopwire.Processes;

/// <summary>
/// A child's pipe on the portable backend: each read or write runs on .NET's thread pool with the stream's async
/// methods and posts its outcome to the loop's inbox, which delivers it in the poll phase.
/// </summary>
internal sealed class CompletionPipeIo : IPipeIo
{
    private static readonly Action<object?> s_deliver = static io => ((CompletionPipeIo)io!).Deliver();

    private readonly Inbox _inbox; // the loop's, kept here for the off-loop half, which must not touch the loop
    private readonly Stream _pipe;
    private readonly Action<int, Exception?> _completed;

    // The operation's outcome: written off the loop before it posts the delivery, read on the loop after.
    private int _count;
    private Exception? _error;

    private bool _closed;

    public CompletionPipeIo(EventLoop loop, Stream pipe, Action<int, Exception?> completed)
    {
        _inbox = loop.Inbox;
        _pipe = pipe;
        _completed = completed;
    }

    public void Read(Memory<byte> buffer) => _ = Task.Run(() => ReadOffLoopAsync(buffer));

    public void Write(ReadOnlyMemory<byte> data) => _ = Task.Run(() => WriteOffLoopAsync(data));

    /// <summary>Disposes the stream; a blocked read or write ends when the child writes, reads or exits, and is then dropped.</summary>
    public void Close()
    {
        _closed = true;
        _pipe.Dispose();
    }

    /// <summary>One read, on the pool; never touches loop state: it records the outcome and posts it.</summary>
    private async Task ReadOffLoopAsync(Memory<byte> buffer)
    {
        try
        {
            (_count, _error) = (await _pipe.ReadAsync(buffer), null);
        }
        catch (Exception error)
        {
            (_count, _error) = (0, error);
        }

        _inbox.Enqueue(LoopCallback.ForTarget(s_deliver, this));
    }

    /// <summary>One write, on the pool; never touches loop state: it records the outcome and posts it.</summary>
    private async Task WriteOffLoopAsync(ReadOnlyMemory<byte> data)
    {
        try
        {
            await _pipe.WriteAsync(data);
            (_count, _error) = (data.Length, null);
        }
        catch (Exception error)
        {
            (_count, _error) = (0, error);
        }

        _inbox.Enqueue(LoopCallback.ForTarget(s_deliver, this));
    }

    private void Deliver()
    {
        if (!_closed)
        {
            _completed(_count, _error);
        }
    }
}
