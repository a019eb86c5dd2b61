namespace Loopwire;

/// <summary>
/// Node's <c>stream.finished</c> for one side of a stream: calls back once, with null when a readable side emitted
/// <c>end</c> or a writable side <c>finish</c>, with the stream's error, or with a
/// <see cref="PrematureCloseException"/> when it closed before either.
/// </summary>
internal sealed class StreamFinished
{
    private readonly string _premature;
    private Action<Exception?>? _callback;
    private bool _completed;

    private StreamFinished(string premature, Action<Exception?> callback)
    {
        _premature = premature;
        _callback = callback;
    }

    /// <summary>Watches <paramref name="stream"/>'s readable side: <c>end</c>, <c>error</c> or <c>close</c>.</summary>
    public static void WhenEnded(IReadableStream stream, Action<Exception?> callback)
    {
        var watch = new StreamFinished("Premature close: the readable stream closed before it ended.", callback);
        if (!watch.Settled(stream, stream.IsEnded))
        {
            stream.AddEndListener(watch.Completed);
            Watch(stream, watch);
        }
    }

    /// <summary>Watches <paramref name="stream"/>'s writable side: <c>finish</c>, <c>error</c> or <c>close</c>.</summary>
    public static void WhenFinished(IWritableStream stream, Action<Exception?> callback)
    {
        var watch = new StreamFinished("Premature close: the writable stream closed before it finished.", callback);
        if (!watch.Settled(stream, stream.IsFinished))
        {
            stream.AddFinishListener(watch.Completed);
            Watch(stream, watch);
        }
    }

    private static void Watch(IStream stream, StreamFinished watch)
    {
        stream.AddErrorListener(watch.Report);
        stream.AddCloseListener(watch.Closed);
    }

    /// <summary>A stream already done reports at once, after the current callback, as Node's <c>finished</c> does: its events are past.</summary>
    private bool Settled(IStream stream, bool completed)
    {
        if (!completed && !stream.IsDestroyed)
        {
            return false;
        }

        _completed = completed;
        stream.Loop.NextTick(Closed);
        return true;
    }

    private void Completed()
    {
        _completed = true;
        Report(null);
    }

    private void Closed() => Report(_completed ? null : new PrematureCloseException(_premature));

    private void Report(Exception? error)
    {
        Action<Exception?>? callback = _callback;
        _callback = null;
        callback?.Invoke(error);
    }
}
