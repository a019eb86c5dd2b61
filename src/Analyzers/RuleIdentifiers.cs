namespace Loopwire.Analyzers;

/// <summary>The stable IDs of Loopwire's loop-discipline diagnostics; each has a page at docs/rules/ID.md.</summary>
internal static class RuleIdentifiers
{
    public const string BlockingCall = "LW1001";
    public const string SynchronousTaskWait = "LW1002";
    public const string LoopApiOffLoop = "LW1003";
    public const string ConfigureAwaitFalse = "LW1004";
    public const string AsyncVoidCallback = "LW1005";
    public const string LockOnLoop = "LW1006";
    public const string MalformedBlockingApiEntry = "LW1007";

    public const string LoopThreadCategory = "Loopwire.LoopThread";
    public const string ConfigurationCategory = "Loopwire.Configuration";

    public static string GetHelpUri(string id) => "https://github.com/loopwire/loopwire/blob/main/docs/rules/" + id + ".md";
}
