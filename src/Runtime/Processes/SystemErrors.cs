namespace Loopwire.Processes;

/// <summary>
/// Node's names for the error numbers a spawn, a kill or a pipe's read or write can fail with
/// (<c>util.getSystemErrorName</c>), for messages worded as Node words them (<c>spawn nosuch ENOENT</c>,
/// <c>write EPIPE</c>).
/// </summary>
internal static class SystemErrors
{
    /// <summary>No such process: the one error number <see cref="ChildProcess.Kill"/> expects (the child is gone).</summary>
    public const int NoSuchProcess = 3; // ESRCH

    /// <summary>An invalid signal number.</summary>
    public const int InvalidArgument = 22; // EINVAL

    /// <summary>
    /// <c>write EPIPE</c>, <c>read EIO</c>: a pipe's failed system call worded as Node's errnoException, the call then
    /// the code; an <see cref="IOException"/>, as .NET's streams report failed reads and writes.
    /// </summary>
    public static IOException Failed(string syscall, int errno) => new($"{syscall} {Name(errno)}");

    /// <summary>
    /// The name of <paramref name="code"/>: an errno (the numbers below are the same on Linux, macOS and the BSDs)
    /// or, on Windows, the Win32 error .NET reports; Node's <c>Unknown system error -n</c> for any other.
    /// </summary>
    public static string Name(int code) => (OperatingSystem.IsWindows(), code) switch
    {
        (true, 2 or 3) => "ENOENT", // ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND, as libuv maps them
        (true, 5) => "EACCES",      // ERROR_ACCESS_DENIED
        (false, 1) => "EPERM",
        (false, 2) => "ENOENT",
        (false, NoSuchProcess) => "ESRCH",
        (false, 5) => "EIO",
        (false, 7) => "E2BIG",
        (false, 8) => "ENOEXEC",
        (false, 9) => "EBADF",
        (false, 12) => "ENOMEM",
        (false, 13) => "EACCES",
        (false, 20) => "ENOTDIR",
        (false, InvalidArgument) => "EINVAL",
        (false, 23) => "ENFILE",
        (false, 24) => "EMFILE",
        (false, 32) => "EPIPE",
        _ => $"Unknown system error -{code}",
    };
}
