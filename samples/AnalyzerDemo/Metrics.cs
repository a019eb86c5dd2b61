using Loopwire;

namespace Loopwire.Samples.AnalyzerDemo;

/// <summary>A loop-phase callback whose blocking call sits three calls away.</summary>
public sealed class Metrics
{
    private readonly object gate = new();
    private readonly LegacyClient client = new();
    private int flushes;

    [OnCheck]
    public void Flush()
    {
        // LW1006 (opt-in, enabled in .editorconfig): a contended lock blocks the loop thread.
        lock (gate)
            flushes++;
        Report();
    }

    private void Report() => Store.Save("metrics.json", client.Fetch(flushes));

    private static class Store
    {
        // LW1001 reached from Metrics.Flush → Metrics.Report → Store.Save → File.WriteAllText.
        public static void Save(string path, string text) => File.WriteAllText(path, text);
    }
}
