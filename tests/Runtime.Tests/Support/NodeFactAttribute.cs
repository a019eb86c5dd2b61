namespace Loopwire.Tests.Support;

/// <summary>A fact that needs <c>node</c>: reported as skipped, with the reason, when node is not on PATH.</summary>
internal sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (Programs.Node is null)
        {
            Skip = "node is not on PATH; the comparison with the Node twin needs it.";
        }
    }
}
