using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Loopwire.Processes;

/// <summary>
/// Sends a <see cref="PosixSignal"/> to a child: libc's <c>kill</c> on Unix, as libuv's <c>uv_process_kill</c>;
/// on Windows, which has no signals, the ones libuv maps to <c>TerminateProcess</c> end the process.
/// </summary>
internal static partial class ProcessSignals
{
    /// <summary>Raw signal numbers have no <see cref="PosixSignal"/> name; SIGKILL is 9 on every Unix.</summary>
    private const int Kill = 9;

    /// <summary>The exit code .NET reports on Windows for a process ended by <see cref="Process.Kill()"/> (<c>TerminateProcess(handle, -1)</c>).</summary>
    private const int TerminatedOnWindows = -1;

    /// <summary>Throws unless <paramref name="signal"/> can be sent on this platform.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative value that names no signal.</exception>
    /// <exception cref="PlatformNotSupportedException">On Windows, a signal other than SIGTERM, SIGINT, SIGQUIT and SIGKILL.</exception>
    public static void Verify(PosixSignal signal)
    {
        if (!OperatingSystem.IsWindows())
        {
            Number(signal);
        }
        else if (!(signal is PosixSignal.SIGTERM or PosixSignal.SIGINT or PosixSignal.SIGQUIT || (int)signal == Kill))
        {
            // libuv on Windows: these end the process at once, as SIGKILL would; the others are ENOSYS, which Node throws.
            throw new PlatformNotSupportedException($"Windows has no signals; Kill ends the process for SIGTERM, SIGINT, SIGQUIT and SIGKILL only, not {signal}.");
        }
    }

    /// <summary>
    /// The exit code .NET reports for a child ended by <paramref name="signal"/>: 128 + n on Unix, where .NET cannot
    /// tell it from a child that called <c>exit(128 + n)</c>; -1 on Windows after <see cref="Process.Kill()"/>.
    /// </summary>
    public static int ExitCodeAfter(PosixSignal signal) =>
        OperatingSystem.IsWindows() ? TerminatedOnWindows : 128 + Number(signal);

    /// <summary>Sends <paramref name="signal"/>, already verified, to <paramref name="process"/>; returns 0, or the error number of the failure.</summary>
    public static int Send(Process process, PosixSignal signal)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill();
            return 0;
        }

        return SendSignal(process.Id, Number(signal)) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>
    /// The platform's number for <paramref name="signal"/>: a named <see cref="PosixSignal"/> (negative, platform-neutral)
    /// or a raw number cast to it, as <see cref="PosixSignalRegistration"/> takes them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative value that names no signal.</exception>
    [UnsupportedOSPlatform("windows")]
    private static int Number(PosixSignal signal) => signal switch
    {
        >= 0 => (int)signal,
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        PosixSignal.SIGWINCH => 28,
        PosixSignal.SIGTTIN => 21,
        PosixSignal.SIGTTOU => 22,
        PosixSignal.SIGCHLD => OperatingSystem.IsLinux() ? 17 : 20,
        PosixSignal.SIGCONT => OperatingSystem.IsLinux() ? 18 : 19,
        PosixSignal.SIGTSTP => OperatingSystem.IsLinux() ? 20 : 18,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, $"{signal} names no signal; pass a PosixSignal member or a raw signal number cast to PosixSignal ((PosixSignal)9 for SIGKILL)."),
    };

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
