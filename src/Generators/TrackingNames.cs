namespace Loopwire.Generators;

/// <summary>Names of the pipeline steps, tracked so that tests can assert what was cached.</summary>
internal static class TrackingNames
{
    public const string Parse = "Parse";
    public const string Models = "Models";
    public const string Diagnostics = "Diagnostics";
    public const string StrayEvents = "StrayEvents";
    public const string AttachParse = "AttachParse";
    public const string AttachModels = "AttachModels";
    public const string AttachDiagnostics = "AttachDiagnostics";
}
