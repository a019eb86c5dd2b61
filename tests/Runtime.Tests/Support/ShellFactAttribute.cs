namespace Loopwire.Tests.Support;

/// <summary>A fact that runs children through /bin/sh and POSIX tools: reported as skipped on Windows.</summary>
internal sealed class ShellFactAttribute : FactAttribute
{
    public ShellFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "The child processes are /bin/sh scripts and POSIX tools, which Windows does not have.";
        }
    }
}
