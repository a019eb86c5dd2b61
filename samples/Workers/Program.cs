// worker_threads, as in Node: primes counted on a worker's thread and loop, asked for and answered by messages, while
// the main loop stays free. workers.js prints the same lines with Node.
using Loopwire;
using Loopwire.Workers;

return EventLoop.RunMain(loop =>
{
    var worker = new Worker(loop, (workerLoop, parent) =>
    {
        parent.On.Message(message =>
        {
            if (message is "done")
            {
                parent.Close(); // nothing holds the worker's loop now: it exits
                return;
            }

            int limit = (int)message!;
            parent.PostMessage($"{parent.WorkerData}: {CountPrimes(limit)} primes below {limit}");
        });
        return Task.CompletedTask;
    }, workerData: "sieve");
    worker.On.Online(() => Console.WriteLine("main: worker online"))
          .On.Message(message => Console.WriteLine($"main: {message}"))
          .On.Exit(code => Console.WriteLine($"main: worker exited with {code}"));
    foreach (int limit in new[] { 10, 1000, 1_000_000 })
    {
        worker.PostMessage(limit);
    }

    worker.PostMessage("done");
    Console.WriteLine("main: asked, and free meanwhile");
});

static int CountPrimes(int limit)
{
    var composite = new bool[limit];
    int count = 0;
    for (int n = 2; n < limit; n++)
    {
        if (!composite[n])
        {
            count++;
            for (long multiple = (long)n * n; multiple < limit; multiple += n)
            {
                composite[multiple] = true;
            }
        }
    }

    return count;
}
