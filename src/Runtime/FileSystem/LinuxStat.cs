using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Loopwire;

/// <summary>
/// <c>stat</c>, <c>lstat</c> and <c>fstat</c> on Linux with one <c>statx</c> system call each, as libuv's
/// <c>uv_fs_stat</c>, <c>uv_fs_lstat</c> and <c>uv_fs_fstat</c>: no <see cref="FileInfo"/>, no full-path string, no
/// second call. <c>struct statx</c> has one layout on every architecture.
/// </summary>
internal static unsafe partial class LinuxStat
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100; // AT_SYMLINK_NOFOLLOW: the link itself, for lstat
    private const int AtEmptyPath = 0x1000;      // AT_EMPTY_PATH: the descriptor itself, for fstat
    private const uint StatxBasicStatsAndBirthTime = 0x0FFF; // STATX_BASIC_STATS | STATX_BTIME
    private const uint StatxBirthTime = 0x0800;
    private const int FileTypeMask = 0xF000; // S_IFMT
    private const int RegularFile = 0x8000;  // S_IFREG
    private const int Directory = 0x4000;    // S_IFDIR
    private const int SymbolicLink = 0xA000; // S_IFLNK

    private const int ENOSYS = 38;

    // Cleared the first time the C library or the kernel turns out not to have statx (glibc < 2.28, Linux < 4.11).
    private static volatile bool s_available = OperatingSystem.IsLinux();

    /// <summary>
    /// Reads <paramref name="path"/>'s status, or with <paramref name="followLinks"/> false a link's own; false when
    /// statx is not available here, so the caller falls back.
    /// </summary>
    public static bool TryStat(string path, bool followLinks, out FileStat stat) =>
        TryStat(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, followLinks ? "stat" : "lstat", path, out stat);

    /// <summary>Reads an open file's status; false when statx is not available here, so the caller falls back.</summary>
    public static bool TryStat(SafeFileHandle file, out FileStat stat)
    {
        // Held while the call runs, so that a close on another thread cannot hand the number to a new file meanwhile.
        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            return TryStat((int)file.DangerousGetHandle(), "", AtEmptyPath, "fstat", errorPath: null, out stat);
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    private static bool TryStat(int directory, string path, int flags, string syscall, string? errorPath, out FileStat stat)
    {
        stat = default;
        if (!s_available)
        {
            return false;
        }

        Buffer buffer;
        int result;
        try
        {
            result = Statx(directory, path, flags, StatxBasicStatsAndBirthTime, &buffer);
        }
        catch (EntryPointNotFoundException)
        {
            s_available = false;
            return false;
        }

        if (result != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == ENOSYS)
            {
                s_available = false;
                return false;
            }

            throw FsErrors.FromErrno(errno, syscall, errorPath);
        }

        int type = buffer.Mode & FileTypeMask;
        DateTimeOffset modified = buffer.ModifiedTime.ToDateTimeOffset();
        DateTimeOffset changed = buffer.ChangedTime.ToDateTimeOffset();
        stat = new FileStat(
            Size: type == Directory ? 0 : (long)buffer.Size,
            IsFile: type == RegularFile,
            IsDirectory: type == Directory,
            ModifiedTime: modified,
            AccessTime: buffer.AccessTime.ToDateTimeOffset(),
            // Without a birth time, the earliest time known, as .NET's FileInfo.CreationTimeUtc reports.
            BirthTime: (buffer.Mask & StatxBirthTime) != 0 ? buffer.BirthTime.ToDateTimeOffset() : (modified < changed ? modified : changed))
        {
            IsSymbolicLink = type == SymbolicLink,
        };
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, Buffer* buffer);

    /// <summary>The kernel's <c>struct statx</c> (256 bytes); only the fields read here are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Buffer
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(64)] public Timestamp AccessTime;
        [FieldOffset(80)] public Timestamp BirthTime;
        [FieldOffset(96)] public Timestamp ChangedTime;
        [FieldOffset(112)] public Timestamp ModifiedTime;
    }

    /// <summary><c>struct statx_timestamp</c>: seconds and nanoseconds since the Unix epoch.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    private struct Timestamp
    {
        public long Seconds;
        public uint Nanoseconds;

        public readonly DateTimeOffset ToDateTimeOffset() =>
            DateTimeOffset.UnixEpoch.AddTicks((Seconds * TimeSpan.TicksPerSecond) + (Nanoseconds / TimeSpan.NanosecondsPerTick));
    }
}
