using BenchmarkDotNet.Running;
using Loopwire.Benchmarks.Compare;

// `compare [scenario...]`: side by side with Node. Anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "compare")
{
    return CompareRunner.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(CompareRunner).Assembly).Run(args);
return 0;
