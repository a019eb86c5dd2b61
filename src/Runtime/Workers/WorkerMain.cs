namespace Loopwire.Workers;

/// <summary>
/// A worker's program, as the script Node's <c>new Worker(file)</c> runs: it runs on the worker's own thread and
/// loop, as <see cref="EventLoop.RunMain(Func{EventLoop, Task}, EventLoopOptions?)"/> runs a program, and the worker
/// exits once that loop is no longer alive.
/// </summary>
/// <param name="loop">The worker's loop, on the worker's thread.</param>
/// <param name="parent">The channel to the parent (Node's <c>parentPort</c>), with the worker's data.</param>
/// <returns>The program's top-level work, awaited as a module's top-level <c>await</c> is.</returns>
public delegate Task WorkerMain(EventLoop loop, WorkerPort parent);
