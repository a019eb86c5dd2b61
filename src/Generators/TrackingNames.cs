namespace Loopwire.Generators;

/// <summary>Names of the pipeline steps, tracked so that tests can assert what was cached.</summary>
internal static class TrackingNames
{
    public const string Parse = "Parse";
    public const string Models = "Models";
    public const string Diagnostics = "Diagnostics";
    public const string StrayEvents = "StrayEvents";
}
