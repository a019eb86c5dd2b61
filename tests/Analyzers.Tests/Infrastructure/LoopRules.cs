namespace Loopwire.Analyzers.Tests.Infrastructure;

/// <summary>Names the one loop rule a test checks; the other rules of <see cref="LoopThreadAnalyzer"/> are switched off.</summary>
internal interface ILoopRule
{
    static abstract string Id { get; }
}

internal sealed class LW1001 : ILoopRule
{
    public static string Id => "LW1001";
}

internal sealed class LW1002 : ILoopRule
{
    public static string Id => "LW1002";
}

internal sealed class LW1003 : ILoopRule
{
    public static string Id => "LW1003";
}

internal sealed class LW1004 : ILoopRule
{
    public static string Id => "LW1004";
}

internal sealed class LW1005 : ILoopRule
{
    public static string Id => "LW1005";
}

internal sealed class LW1006 : ILoopRule
{
    public static string Id => "LW1006";
}

internal static class LoopRules
{
    private static readonly string[] AllIds = ["LW1001", "LW1002", "LW1003", "LW1004", "LW1005", "LW1006"];

    /// <summary>Every loop rule except <paramref name="id"/>, to disable in a test of that rule.</summary>
    public static IEnumerable<string> AllBut(string id) => AllIds.Where(other => other != id);
}
