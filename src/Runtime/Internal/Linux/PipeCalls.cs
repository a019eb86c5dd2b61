using System.Runtime.InteropServices;

namespace Loopwire.Internal.Linux;

/// <summary>
/// The system calls behind <see cref="Processes.EpollPipeIo"/>: <c>fcntl</c> to make a pipe non-blocking, then
/// <c>read</c> and <c>write</c> on it, as libuv's <c>uv_pipe_open</c> and <c>uv__read</c>/<c>uv__write</c> use them;
/// <see cref="InotifyWatchSource"/> reads its inotify descriptor with the same <c>read</c>, and
/// <see cref="SyncWriteStream"/> makes its blocking writes to stdout and stderr with the same <c>write</c> (and
/// <c>poll</c>). Each returns the errno of a failure rather than throwing, for the caller to tell EAGAIN from an error.
/// </summary>
internal static unsafe partial class PipeCalls
{
    public const int EINTR = 4;
    public const int EAGAIN = 11; // also EWOULDBLOCK on Linux

    private const int GetStatusFlags = 3; // F_GETFL
    private const int SetStatusFlags = 4; // F_SETFL
    private const int NonBlocking = 0x800; // O_NONBLOCK
    private const short PollOut = 0x4; // POLLOUT

    /// <summary>Sets O_NONBLOCK on <paramref name="fd"/>, so that a read or write that would wait fails with EAGAIN instead.</summary>
    /// <exception cref="IOException">The kernel refused (a descriptor already closed).</exception>
    public static void SetNonBlocking(int fd)
    {
        int flags = Fcntl(fd, GetStatusFlags, 0);
        if (flags < 0 || ((flags & NonBlocking) == 0 && Fcntl(fd, SetStatusFlags, flags | NonBlocking) < 0))
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"fcntl O_NONBLOCK on fd {fd} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).", errno);
        }
    }

    /// <summary>Reads into <paramref name="buffer"/>: the count read (0 at end of file), or -1 with the errno in <paramref name="errno"/>.</summary>
    public static int Read(int fd, Span<byte> buffer, out int errno)
    {
        fixed (byte* bytes = buffer)
        {
            return Result(ReadCall(fd, bytes, buffer.Length), out errno);
        }
    }

    /// <summary>Writes what the kernel takes of <paramref name="data"/>: the count written, or -1 with the errno in <paramref name="errno"/>.</summary>
    public static int Write(int fd, ReadOnlySpan<byte> data, out int errno)
    {
        fixed (byte* bytes = data)
        {
            return Result(WriteCall(fd, bytes, data.Length), out errno);
        }
    }

    /// <summary>Waits until <paramref name="fd"/> can be written, for a blocking write to a descriptor someone else made non-blocking.</summary>
    public static void WaitWritable(int fd)
    {
        var watched = new PollDescriptor { Fd = fd, Events = PollOut };
        while (PollCall(&watched, 1, -1) < 0 && Marshal.GetLastPInvokeError() == EINTR)
        {
        }
    }

    private static int Result(nint result, out int errno)
    {
        errno = result < 0 ? Marshal.GetLastPInvokeError() : 0;
        return (int)result;
    }

    // fcntl is variadic; its third argument is an int for these commands, which Linux's calling conventions pass as a
    // fixed one.
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadCall(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteCall(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int PollCall(PollDescriptor* descriptors, nuint count, int timeout);

    /// <summary>libc's <c>struct pollfd</c>.</summary>
    private struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }
}
