using System.Threading.Channels;
using Loopwire.Internal;

namespace Loopwire;

/// <summary>
/// <see cref="StreamReading.ReadAllAsync"/>'s iteration: buffers the source's chunks, pausing it at the high-water
/// mark and resuming it as the loop takes them, and ends as the source does.
/// </summary>
internal sealed class ReadableIterator : IAsyncEnumerable<ReadOnlyMemory<byte>>, IAsyncEnumerator<ReadOnlyMemory<byte>>
{
    /// <summary>Buffered bytes at which the source is paused: Node's default <c>readableHighWaterMark</c>.</summary>
    internal const int HighWaterMark = 16 * 1024;

    private readonly IReadableStream _source;
    private readonly Channel<ReadOnlyMemory<byte>> _chunks =
        Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private CancellationToken _cancellationToken;
    private CancellationTokenSource? _linkedCancellation;
    private int _buffered; // bytes in _chunks; touched on the loop thread only
    private bool _paused;
    private bool _finished; // the source ended, failed or closed: nothing to pause, resume or destroy
    private bool _enumerated;

    public ReadableIterator(IReadableStream source, CancellationToken cancellationToken)
    {
        _source = source;
        _cancellationToken = cancellationToken;
        source.AddDataListener(OnData);
        StreamFinished.WhenEnded(source, OnFinished);
    }

    public ReadOnlyMemory<byte> Current { get; private set; }

    public IAsyncEnumerator<ReadOnlyMemory<byte>> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (_enumerated)
        {
            throw new InvalidOperationException("A stream's chunks can be enumerated only once: call ReadAllAsync again for a new iteration.");
        }

        _enumerated = true;
        _cancellationToken = CancellationTokens.Join(_cancellationToken, cancellationToken, out _linkedCancellation);
        return this;
    }

    public async ValueTask<bool> MoveNextAsync()
    {
        while (await _chunks.Reader.WaitToReadAsync(_cancellationToken))
        {
            if (_chunks.Reader.TryRead(out ReadOnlyMemory<byte> chunk))
            {
                Taken(chunk.Length);
                Current = chunk;
                return true;
            }
        }

        return false;
    }

    public ValueTask DisposeAsync()
    {
        _linkedCancellation?.Dispose();
        if (!_finished)
        {
            _finished = true;
            _source.Destroy(); // as Node's iterator: a loop that stops before the end destroys the stream
        }

        _chunks.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private void OnData(ReadOnlyMemory<byte> chunk)
    {
        _chunks.Writer.TryWrite(chunk);
        _buffered += chunk.Length;
        if (_buffered >= HighWaterMark && !_paused && !_finished)
        {
            _paused = true;
            _source.Pause();
        }
    }

    private void Taken(int length)
    {
        _buffered -= length;
        if (_paused && _buffered < HighWaterMark && !_finished)
        {
            _paused = false;
            _source.Resume();
        }
    }

    private void OnFinished(Exception? error)
    {
        _finished = true;
        _chunks.Writer.TryComplete(error);
    }
}
