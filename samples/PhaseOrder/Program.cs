// The phases of one event loop, in the order Node runs them; phase-order.js beside this file is the Node twin
// and prints the same lines.
using Loopwire;

return EventLoop.RunMain(loop =>
{
    Console.WriteLine("main: start");

    // A handle that keeps the loop alive until the I/O callback closes it.
    var keepAlive = new AsyncHandle(loop, () => { });

    loop.NextTick(() => Console.WriteLine("nextTick 1"));
    loop.QueueMicrotask(() => Console.WriteLine("microtask 1"));
    loop.QueueMicrotask(() =>
    {
        Console.WriteLine("microtask 2");
        loop.NextTick(() => Console.WriteLine("nextTick queued by a microtask"));
    });
    loop.NextTick(() => Console.WriteLine("nextTick 2"));

    _ = AfterAwait();

    loop.SetTimeout(() =>
    {
        Console.WriteLine("timers: timeout 0");
        loop.SetTimeout(() =>
        {
            Console.WriteLine("timers: timeout 0 set by a timeout");
            loop.Fs.ReadFile(Environment.ProcessPath!, (error, _) =>
            {
                Console.WriteLine("poll: file read");
                loop.SetTimeout(() => Console.WriteLine("timers: timeout 0 set by I/O"), 0);
                loop.SetImmediate(() => Console.WriteLine("check: immediate set by I/O, always before that timeout"));
                keepAlive.Close(() => Console.WriteLine("close: handle closed"));
                loop.NextTick(() => Console.WriteLine("nextTick set by I/O"));
            });
        }, 0);
        loop.SetImmediate(() => Console.WriteLine("check: immediate set by a timeout"));
        loop.NextTick(() => Console.WriteLine("nextTick set by a timeout"));
    }, 0);

    Console.WriteLine("main: end");
});

static async Task AfterAwait()
{
    await Task.Yield();
    Console.WriteLine("after await (a microtask)");
}
