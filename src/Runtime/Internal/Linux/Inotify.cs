using System.Runtime.InteropServices;

namespace Loopwire.Internal.Linux;

/// <summary>
/// The system calls behind <see cref="InotifyWatchSource"/>: an inotify instance and one watch on it, as libuv's
/// <c>uv_fs_event_start</c> makes them in <c>linux.c</c>, and the layout of the <c>struct inotify_event</c> records
/// a read of the instance returns. Each returns the errno of a failure rather than throwing, for the caller to word it.
/// </summary>
internal static partial class Inotify
{
    /// <summary>libuv's mask: what makes Node's <c>"change"</c> (attributes, contents) and <c>"rename"</c> (the rest).</summary>
    public const uint WatchMask = Attrib | Create | Modify | Delete | DeleteSelf | MoveSelf | MovedFrom | MovedTo;

    /// <summary>The events Node reports as <c>"change"</c>; any other bit makes <c>"rename"</c>.</summary>
    public const uint ChangeEvents = Attrib | Modify;

    /// <summary>The kernel's queue overflowed and dropped events: the record's watch descriptor is -1.</summary>
    public const uint QueueOverflow = 0x4000; // IN_Q_OVERFLOW

    /// <summary>The size of <c>struct inotify_event</c> before its name: <c>wd</c>, <c>mask</c>, <c>cookie</c>, <c>len</c>.</summary>
    public const int EventHeaderSize = 16;

    /// <summary>Offset of <c>mask</c> in <c>struct inotify_event</c>.</summary>
    public const int MaskOffset = 4;

    /// <summary>Offset of <c>len</c>, the size of the NUL-padded name that follows the header (0 for the watched path itself).</summary>
    public const int NameLengthOffset = 12;

    private const uint Modify = 0x002;     // IN_MODIFY
    private const uint Attrib = 0x004;     // IN_ATTRIB
    private const uint MovedFrom = 0x040;  // IN_MOVED_FROM
    private const uint MovedTo = 0x080;    // IN_MOVED_TO
    private const uint Create = 0x100;     // IN_CREATE
    private const uint Delete = 0x200;     // IN_DELETE
    private const uint DeleteSelf = 0x400; // IN_DELETE_SELF
    private const uint MoveSelf = 0x800;   // IN_MOVE_SELF

    private const int NonBlockingCloseOnExec = 0x800 | 0x80000; // IN_NONBLOCK | IN_CLOEXEC

    /// <summary>A new non-blocking inotify instance, closed on exec; -1 with the errno in <paramref name="errno"/>.</summary>
    public static int Init(out int errno) => Result(InotifyInit1(NonBlockingCloseOnExec), out errno);

    /// <summary>Watches <paramref name="path"/> for <see cref="WatchMask"/>: the watch descriptor, or -1 with the errno in <paramref name="errno"/>.</summary>
    public static int Watch(int inotify, string path, out int errno) => Result(InotifyAddWatch(inotify, path, WatchMask), out errno);

    private static int Result(int result, out int errno)
    {
        errno = result < 0 ? Marshal.GetLastPInvokeError() : 0;
        return result;
    }

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    private static partial int InotifyInit1(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InotifyAddWatch(int inotify, string path, uint mask);
}
