// Streams and child processes, as in Node: a file piped into `sort` with StreamPipeline (stream/promises pipeline),
// its output read with await foreach (for await ... of), and a shell command run with ExecAsync (promisified exec).
// sort.js prints the same lines with Node.
using System.Text;
using Loopwire;
using Loopwire.Processes;

return EventLoop.RunMain(async loop =>
{
    string input = Path.Combine(Path.GetTempPath(), $"loopwire-sortpipe-{Environment.ProcessId}.txt");
    await loop.Fs.WriteFileAsync(input, "pear\napple\nfig\nbanana\n");

    var sort = ChildProcess.Spawn(loop, "sort");
    IAsyncEnumerable<ReadOnlyMemory<byte>> output = sort.Stdout!.ReadAllAsync(); // reading before sort can exit
    await StreamPipeline.RunAsync(loop.Fs.CreateReadStream(input), sort.Stdin!);
    Console.WriteLine("piped the file into sort");

    var sorted = new StringBuilder();
    await foreach (ReadOnlyMemory<byte> chunk in output)
    {
        sorted.Append(Encoding.UTF8.GetString(chunk.Span));
    }

    Console.WriteLine($"sort printed: {sorted.ToString().TrimEnd().Replace('\n', ' ')}");

    ExecResult count = await ChildProcess.ExecAsync(loop, $"wc -l < '{input}'");
    Console.WriteLine($"wc counted {count.Stdout.Trim()} lines");

    try
    {
        await ChildProcess.ExecAsync(loop, "echo oops >&2; exit 2");
    }
    catch (ExecException error)
    {
        Console.WriteLine($"exec failed with code {error.ExitCode}: {error.Stderr.Trim()}");
    }

    await loop.Fs.UnlinkAsync(input);
});
