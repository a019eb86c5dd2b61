using Loopwire.Internal;

namespace Loopwire.Workers;

/// <summary>
/// A worker's end of the channel to the thread that started it, as Node's <c>parentPort</c>, with the
/// <see cref="WorkerData"/> it was given: <see cref="PostMessage"/> sends to the parent's <see cref="Worker"/>, and
/// 'message' delivers what the parent sent, on the worker's loop, in the order sent. A handle on the worker's loop,
/// active while it has a 'message' listener, as Node's port is: so a worker that listens for messages runs until the
/// port is closed or unref'd, or the parent terminates it. Messages that arrive before the first listener wait for it.
/// </summary>
[EventEmitter]
public sealed partial class WorkerPort : Handle
{
    private static readonly Action<object?> FlushWaiting = static port => ((WorkerPort)port!).DeliverWaiting();

    private readonly WorkerChannel _channel;
    private readonly Queue<object?> _waiting = new();

    internal WorkerPort(EventLoop loop, WorkerChannel channel, object? workerData)
        : base(loop)
    {
        _channel = channel;
        WorkerData = workerData;
        On.NewListener(OnNewListener);
        On.RemoveListener(OnRemoveListener);
    }

    /// <summary>What the parent gave the worker when it started it (Node's <c>workerData</c>), shared, not copied.</summary>
    public object? WorkerData { get; }

    /// <summary>
    /// Sends <paramref name="message"/> to the parent, where the <see cref="Worker"/> emits it as 'message' on the
    /// parent's loop. The message is handed over as it is, not copied (Node clones it): send values neither side
    /// changes afterwards (strings, records, arrays no one writes to).
    /// </summary>
    /// <param name="message">What to send.</param>
    /// <exception cref="InvalidOperationException">Called off the worker's loop thread.</exception>
    /// <exception cref="ObjectDisposedException">The port is closed.</exception>
    public void PostMessage(object? message)
    {
        Loop.VerifyLoopThread();
        ThrowIfClosing();
        _channel.SendToParent(message);
    }

    /// <summary>A message from the parent, in the order sent.</summary>
    [Event] partial void Message(object? message);

    /// <summary>From the parent's thread, through the worker loop's inbox: a message to emit, or to hold until a listener comes.</summary>
    internal void Receive(object? message)
    {
        if (IsClosing)
        {
            return;
        }

        if (ListenerCount("message") == 0 || _waiting.Count > 0)
        {
            _waiting.Enqueue(message);
            return;
        }

        Message(message);
    }

    private protected override void OnClosing() => _waiting.Clear();

    /// <summary>The first 'message' listener starts the port, as Node's <c>port.on('message')</c> starts and refs it.</summary>
    private void OnNewListener(string eventName, Delegate listener)
    {
        if (eventName == "message" && !IsClosing)
        {
            SetActive(true);
            Loop.Defer(LoopCallback.ForTarget(FlushWaiting, this)); // after the listener is added
        }
    }

    private void OnRemoveListener(string eventName, Delegate listener)
    {
        if (eventName == "message" && ListenerCount("message") == 0)
        {
            SetActive(false);
        }
    }

    private void DeliverWaiting()
    {
        while (!IsClosing && ListenerCount("message") > 0 && _waiting.TryDequeue(out object? message))
        {
            Message(message);
        }
    }
}
