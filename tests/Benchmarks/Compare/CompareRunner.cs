using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Loopwire.Benchmarks.Compare;

/// <summary>
/// The <c>compare</c> mode: runs each scenario in Loopwire and its twin in Node, each warmed up for a second and then
/// timed as the best of ten runs, and prints
/// <c>BENCH &lt;scenario&gt; loopwire=&lt;ns/op&gt; node=&lt;ns/op&gt; ratio=&lt;node/loopwire&gt; alloc=&lt;bytes/op&gt;</c>;
/// then each <see cref="LoadScenario"/> (servers under load), which measures itself and prints its own line.
/// </summary>
public static class CompareRunner
{
    // Best of ten, on both sides: this shared 2-core VM's run-to-run noise is larger than one run's spread.
    private const int MeasuredRuns = 10;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    public static int Run(IReadOnlyCollection<string> names)
    {
        List<CompareScenario> scenarios = Discover();
        List<LoadScenario> loads = DiscoverLoads();
        string[] known = [.. scenarios.Select(s => s.Name), .. loads.Select(s => s.Name)];
        string[] unknown = names.Where(name => !known.Contains(name)).ToArray();
        if (unknown.Length > 0)
        {
            Console.Error.WriteLine($"Unknown scenario(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", known)}.");
            return 2;
        }

        foreach (CompareScenario scenario in scenarios.Where(s => names.Count == 0 || names.Contains(s.Name)))
        {
            Console.WriteLine(Report(scenario));
        }

        // Servers under load come last: they start processes and take longest (http: two 13-second wrk runs).
        foreach (LoadScenario load in loads.Where(s => names.Count == 0 || names.Contains(s.Name)))
        {
            Console.WriteLine(load.Report());
        }

        return 0;
    }

    private static List<LoadScenario> DiscoverLoads() =>
        typeof(CompareRunner).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(LoadScenario)) && !type.IsAbstract)
            .Select(type => (LoadScenario)Activator.CreateInstance(type)!)
            .OrderBy(scenario => scenario.Name, StringComparer.Ordinal)
            .ToList();

    private static List<CompareScenario> Discover() =>
        typeof(CompareRunner).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(CompareScenario)) && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null)
            .Select(type => (CompareScenario)Activator.CreateInstance(type)!)
            .Where(scenario => scenario.NodeScript.Length > 0)
            .OrderBy(scenario => scenario.Name, StringComparer.Ordinal)
            .ToList();

    private static string Report(CompareScenario scenario)
    {
        (double loopwire, double alloc) = MeasureLoopwire(scenario);
        double? node = MeasureNode(scenario.NodeScript);
        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"BENCH {scenario.Name} loopwire={loopwire:F1} node={Format(node)} ratio={Format(node / loopwire, "F2")} alloc={alloc:F2}");
        if (scenario.Baseline is { } baseline)
        {
            double baselineNs = MeasureLoopwire(baseline).NsPerOp;
            line += string.Create(CultureInfo.InvariantCulture, $" {baseline.Name}={baselineNs:F1} share={baselineNs / loopwire:P0}");
        }

        return line;
    }

    private static (double NsPerOp, double AllocPerOp) MeasureLoopwire(CompareScenario scenario)
    {
        // Warm-up: pools and queues grow to size, and tiered compilation settles (it waits 100 ms after the last
        // new method before promoting hot ones, so one run is not always enough).
        long warmUpStart = Stopwatch.GetTimestamp();
        do
        {
            scenario.Run();
        }
        while (Stopwatch.GetElapsedTime(warmUpStart) < WarmUp);

        double best = double.MaxValue;
        double alloc = double.MaxValue;
        for (int i = 0; i < MeasuredRuns; i++)
        {
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            TimeSpan elapsed = scenario.Measure();
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            best = Math.Min(best, elapsed.TotalNanoseconds / scenario.Operations);
            alloc = Math.Min(alloc, (double)allocated / scenario.Operations);
        }

        return (best, alloc);
    }

    private static double? MeasureNode(string script)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "node", script);
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", [path]) { RedirectStandardOutput = true })!;
            string output = node.StandardOutput.ReadToEnd();
            node.WaitForExit();
            string? line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("ns/op=", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line["ns/op=".Length..], CultureInfo.InvariantCulture);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // node is not on PATH
        }
    }

    private static string Format(double? value, string format = "F1") =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";
}
