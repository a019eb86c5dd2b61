namespace Loopwire.Internal;

/// <summary>
/// Runs tasks on the loop thread: as microtasks when queued from it, through the inbox otherwise. Tasks never run
/// inline, so their order matches the order they were queued in.
/// </summary>
internal sealed class LoopTaskScheduler : TaskScheduler
{
    private readonly EventLoop _loop;
    private readonly Action<object?> _executeTask;

    public LoopTaskScheduler(EventLoop loop)
    {
        _loop = loop;
        _executeTask = task => TryExecuteTask((Task)task!);
    }

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task) => _loop.Schedule(LoopCallback.ForTarget(_executeTask, task));

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task>? GetScheduledTasks() => null;
}
