namespace Loopwire.Internal;

/// <summary>
/// Runs tasks on the loop thread: as microtasks when queued from it, through the inbox otherwise. Tasks never run
/// inline, so their order matches the order they were queued in.
/// </summary>
internal sealed class LoopTaskScheduler(EventLoop loop) : TaskScheduler
{
    private static readonly Action<object, object?> ExecuteTask = static (scheduler, task) =>
        ((LoopTaskScheduler)scheduler).TryExecuteTask((Task)task!);

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task) => loop.Schedule(LoopCallback.ForTarget(this, task, ExecuteTask));

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task>? GetScheduledTasks() => null;
}
