namespace Loopwire.Tests.Support;

/// <summary>A fact that pins Linux kernel behaviour: reported as skipped, with the reason, elsewhere.</summary>
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(string why)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = $"Linux only: {why}";
        }
    }
}
