using Loopwire;
using Loopwire.Samples.AnalyzerDemo;

// Each statement below breaks one loop rule; see the comments for the rule and docs/rules for the fix.
return EventLoop.RunMain(async loop =>
{
    var metrics = new Metrics();

    // LW1001: synchronous file I/O inside a timer callback blocks every other callback.
    loop.SetTimeout(() => Console.WriteLine(File.ReadAllText("settings.json")), 10);

    // LW1002: waiting on a task from the loop thread deadlocks when the task needs the loop.
    loop.SetImmediate(() => Console.WriteLine(loop.Fs.ReadFileAsync("settings.json").AsTask().Result.Length));

    // LW1003: the work delegate runs on the pool, where loop APIs throw; Post is the way back.
    loop.QueueWork(() => loop.SetTimeout(metrics.Flush, 100), error => { });

    // LW1004: after ConfigureAwait(false) the rest of this callback runs on a pool thread.
    await Task.Delay(1).ConfigureAwait(false);

    // LW1005: an async void callback's exceptions escape to the loop; nobody can await it.
    loop.SetTimeout(async () => await Task.Delay(1), 20);
});
