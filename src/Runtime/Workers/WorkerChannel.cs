namespace Loopwire.Workers;

/// <summary>
/// What a <see cref="Worker"/> on the parent's loop and the worker's thread share: the messages posted before the
/// worker's port exists, the port while the worker's loop runs, and whether it was terminated or has finished. Each
/// side reads and writes it under one lock, and reaches the other side's loop only through that loop's inbox.
/// </summary>
internal sealed class WorkerChannel(EventLoop parentLoop, Worker worker)
{
    private readonly object _gate = new();
    private readonly List<object?> _early = []; // posted before the worker's port exists
    private WorkerPort? _port; // the worker's end while its loop runs
    private bool _finished; // the worker's loop is done: messages to it are dropped
    private bool _terminated;

    /// <summary>From the parent's loop: a message for the worker's port, held until its loop runs, dropped once it has finished.</summary>
    [AnyThread]
    public void SendToWorker(object? message)
    {
        lock (_gate)
        {
            if (_port is { } port)
            {
                Deliver(port, message);
            }
            else if (!_finished)
            {
                _early.Add(message);
            }
        }
    }

    /// <summary>From the worker's loop: a message for the parent's <see cref="Worker"/>.</summary>
    [AnyThread]
    public void SendToParent(object? message) =>
        parentLoop.Post(static state => state.Worker.Deliver(state.Message), (Worker: worker, Message: message));

    /// <summary>From the parent's loop: stops the worker's loop, or keeps it from starting.</summary>
    [AnyThread]
    public void Terminate()
    {
        lock (_gate)
        {
            _terminated = true;
            _port?.Loop.Stop();
        }
    }

    /// <summary>The worker's thread: its loop runs the program as a script, then the exit is posted to the parent.</summary>
    public void Run(WorkerMain main, object? workerData)
    {
        Exception? uncaught = null;
        int exitCode = EventLoop.RunScript(
            loop =>
            {
                if (Open(loop, workerData) is not { } port)
                {
                    loop.Stop(); // terminated before it ran
                    return;
                }

                parentLoop.Post(static worker => worker.DeliverOnline(), worker);
                loop.AwaitMainTask(main(loop, port));
            },
            options: null,
            error => uncaught = error);

        bool terminated;
        lock (_gate)
        {
            terminated = _terminated;
            _finished = true;
        }

        parentLoop.Post(
            static state => state.Worker.DeliverExit(state.Error, state.Code),
            (Worker: worker, Error: uncaught, Code: terminated ? 1 : exitCode));
    }

    /// <summary>On the worker's loop: makes its port and hands it what was posted meanwhile; null when already terminated.</summary>
    private WorkerPort? Open(EventLoop loop, object? workerData)
    {
        lock (_gate)
        {
            if (_terminated)
            {
                return null;
            }

            var port = new WorkerPort(loop, this, workerData);
            foreach (object? message in _early)
            {
                Deliver(port, message);
            }

            _early.Clear();
            _port = port;
            loop.Exit += _ => Close(); // before the loop lets go of its inbox: nothing may be posted to it after
            return port;
        }
    }

    private void Close()
    {
        lock (_gate)
        {
            _port = null;
            _finished = true;
        }
    }

    private static void Deliver(WorkerPort port, object? message) =>
        port.Loop.Post(static state => state.Port.Receive(state.Message), (Port: port, Message: message));
}
