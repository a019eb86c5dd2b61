using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Loopwire.Internal.Linux;

/// <summary>
/// The Linux system calls behind <see cref="EpollBackend"/>: <c>epoll</c> for readiness and an <c>eventfd</c> for
/// wake-ups, as libuv's <c>linux.c</c> uses them.
/// </summary>
internal static unsafe partial class Epoll
{
    public const uint In = 0x001;  // EPOLLIN
    public const uint Out = 0x004; // EPOLLOUT
    public const uint Err = 0x008; // EPOLLERR: reported whether asked for or not
    public const uint Hup = 0x010; // EPOLLHUP: reported whether asked for or not

    public const int EINTR = 4;
    private const int EAGAIN = 11;

    private const int CtlAdd = 1;
    private const int CtlDel = 2;
    private const int CtlMod = 3;
    private const int CloseOnExec = 0x80000; // EPOLL_CLOEXEC and EFD_CLOEXEC, both O_CLOEXEC
    private const int NonBlocking = 0x800;   // EFD_NONBLOCK, O_NONBLOCK

    /// <summary>
    /// The size of <c>struct epoll_event</c>: the kernel packs it to 12 bytes on x86 and x86-64, and pads it to 16
    /// elsewhere, so its 64-bit data field sits at offset 4 or 8.
    /// </summary>
    public static readonly int EventSize =
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 12 : 16;

    private static readonly int s_dataOffset = EventSize - sizeof(ulong);

    /// <summary>A new epoll instance, closed on exec.</summary>
    /// <exception cref="IOException">The kernel refused (out of descriptors or memory).</exception>
    public static int Create() => Check(EpollCreate1(CloseOnExec), "epoll_create1");

    /// <summary>A new non-blocking eventfd, closed on exec.</summary>
    /// <exception cref="IOException">The kernel refused (out of descriptors or memory).</exception>
    public static int CreateEventFd() => Check(EventFd(0, CloseOnExec | NonBlocking), "eventfd");

    /// <summary>Watches <paramref name="fd"/> for <paramref name="events"/>; the kernel reports <paramref name="data"/> with them.</summary>
    public static void Add(int epoll, int fd, uint events, ulong data) => Control(epoll, CtlAdd, fd, events, data, "add");

    /// <summary>Changes what <paramref name="fd"/> is watched for.</summary>
    public static void Modify(int epoll, int fd, uint events, ulong data) => Control(epoll, CtlMod, fd, events, data, "modify");

    /// <summary>Stops watching <paramref name="fd"/>; it must still be open.</summary>
    public static void Remove(int epoll, int fd) => Control(epoll, CtlDel, fd, 0, 0, "remove");

    /// <summary>Waits for events into <paramref name="buffer"/>; returns their count, or -1 with errno set.</summary>
    public static int Wait(int epoll, byte* buffer, int capacity, int timeoutMs) => EpollWait(epoll, buffer, capacity, timeoutMs);

    /// <summary>The events of the <paramref name="index"/>th entry of a <see cref="Wait"/> buffer.</summary>
    public static uint EventsAt(byte* buffer, int index) => *(uint*)(buffer + (index * EventSize));

    /// <summary>The data of the <paramref name="index"/>th entry of a <see cref="Wait"/> buffer.</summary>
    public static ulong DataAt(byte* buffer, int index) =>
        Unsafe.ReadUnaligned<ulong>(buffer + (index * EventSize) + s_dataOffset);

    /// <summary>Adds one to an eventfd's counter, making it readable; a counter already readable stays so.</summary>
    public static void Signal(int eventFd)
    {
        ulong one = 1;
        if (Write(eventFd, &one, sizeof(ulong)) < 0 && Marshal.GetLastPInvokeError() != EAGAIN)
        {
            throw Failure("write to eventfd");
        }
    }

    /// <summary>Resets an eventfd's counter to zero.</summary>
    public static void Drain(int eventFd)
    {
        ulong value;
        _ = Read(eventFd, &value, sizeof(ulong)); // EAGAIN: already drained
    }

    public static void CloseFd(int fd) => _ = Close(fd);

    private static void Control(int epoll, int operation, int fd, uint events, ulong data, string what)
    {
        byte* entry = stackalloc byte[16];
        *(uint*)entry = events;
        Unsafe.WriteUnaligned(entry + s_dataOffset, data);
        if (EpollCtl(epoll, operation, fd, entry) != 0)
        {
            throw Failure($"epoll_ctl {what} fd {fd}");
        }
    }

    private static int Check(int result, string call) => result >= 0 ? result : throw Failure(call);

    private static IOException Failure(string call)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).", errno);
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epoll, int operation, int fd, byte* entry);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int EpollWait(int epoll, byte* events, int capacity, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFd(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, void* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, void* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
