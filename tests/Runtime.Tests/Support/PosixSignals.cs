using System.Runtime.InteropServices;

namespace Loopwire.Tests.Support;

/// <summary>Sends real POSIX signals, with libc's <c>kill</c>, for the signal and process tests.</summary>
internal static class PosixSignals
{
    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; returns 0, or -1 with the errno in <see cref="Marshal.GetLastPInvokeError"/>.</summary>
    public static int Send(int pid, int signal) => Kill(pid, signal);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
