using System.Threading.Channels;
using Loopwire.Internal;

namespace Loopwire.Events;

/// <summary>
/// Async iteration over an event (E11, Node's <c>events.on</c>): buffers every emit from its creation, ends with the
/// exception when <c>error</c> fires, and removes its listeners when disposed, cancelled or failed.
/// It is enumerable once. Generated <c>Events</c> members create and wire it.
/// </summary>
/// <typeparam name="T">The payload: the single argument, or a tuple of them.</typeparam>
public sealed class EventStream<T> : IAsyncEnumerable<T>, IAsyncEnumerator<T>
{
    private readonly Channel<T> _buffer = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private CancellationToken _cancellationToken;
    private CancellationTokenSource? _linkedCancellation;
    private Action? _detach;
    private bool _enumerated;
    private bool _detached;

    /// <summary>Creates a stream that ends when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Ends the iteration with <see cref="OperationCanceledException"/>.</param>
    public EventStream(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
    }

    /// <summary>The payload the last <see cref="MoveNextAsync"/> moved to.</summary>
    public T Current { get; private set; } = default!;

    /// <summary>Sets what removes the stream's listeners; runs at once when the stream has already ended.</summary>
    /// <param name="detach">Removes the listeners.</param>
    public void OnDetach(Action detach)
    {
        ArgumentNullException.ThrowIfNull(detach);
        if (_detached)
        {
            detach();
            return;
        }

        _detach = detach;
    }

    /// <summary>The event fired: buffers its payload.</summary>
    /// <param name="payload">The event's payload.</param>
    public void Push(T payload) => _buffer.Writer.TryWrite(payload);

    /// <summary><c>error</c> fired: the iteration ends with <paramref name="error"/> once the buffer is drained.</summary>
    /// <param name="error">The error.</param>
    public void Fail(Exception error)
    {
        _buffer.Writer.TryComplete(error);
        Detach();
    }

    /// <summary>Starts the iteration; a token given here (<c>WithCancellation</c>) ends it too.</summary>
    /// <param name="cancellationToken">Ends the iteration with <see cref="OperationCanceledException"/>.</param>
    /// <returns>This stream: it is enumerable once.</returns>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (_enumerated)
        {
            throw new InvalidOperationException("An event stream can be enumerated only once.");
        }

        _enumerated = true;
        _cancellationToken = CancellationTokens.Join(_cancellationToken, cancellationToken, out _linkedCancellation);
        return this;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> MoveNextAsync()
    {
        try
        {
            while (await _buffer.Reader.WaitToReadAsync(_cancellationToken))
            {
                if (_buffer.Reader.TryRead(out var payload))
                {
                    Current = payload;
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            Detach();
            throw;
        }

        return false;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _buffer.Writer.TryComplete();
        _linkedCancellation?.Dispose();
        Detach();
        return ValueTask.CompletedTask;
    }

    private void Detach()
    {
        _detached = true;
        var detach = _detach;
        _detach = null;
        detach?.Invoke();
    }
}
