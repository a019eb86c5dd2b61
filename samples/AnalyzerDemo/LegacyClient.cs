namespace Loopwire.Samples.AnalyzerDemo;

/// <summary>A vendor client that goes to the network synchronously; listed in Loopwire.BlockingApis.txt.</summary>
public sealed class LegacyClient
{
    public string Fetch(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
