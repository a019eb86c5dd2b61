using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Loopwire.Internal.Linux;

/// <summary>
/// The C library's file calls that .NET has no equivalent for and that libuv makes for Node's <c>fs</c>:
/// <c>access</c>, <c>link</c>, <c>mkdtemp</c>, <c>realpath</c>, <c>readdir</c> for the entry types it reports, and
/// <c>lseek</c> for a descriptor's own offset.
/// Each returns 0 or the errno of a failure, for the caller to word as Node does (<see cref="FsErrors"/>).
/// </summary>
internal static unsafe partial class FileCalls
{
    /// <summary><c>struct dirent</c>'s <c>d_type</c> values that Node's <c>Dirent</c> tells apart.</summary>
    public const byte TypeUnknown = 0; // DT_UNKNOWN: the file system does not say, so ask with lstat
    public const byte TypeDirectory = 4; // DT_DIR
    public const byte TypeRegular = 8; // DT_REG
    public const byte TypeLink = 10; // DT_LNK

    /// <summary><c>lseek</c>'s <c>whence</c>: from the file's start, from the descriptor's offset, from the file's end.</summary>
    public const int SeekSet = 0;
    public const int SeekCurrent = 1;
    public const int SeekEnd = 2;

    // Where d_type and d_name sit in struct dirent, the same for glibc and musl on 64-bit Linux:
    // ino_t d_ino (8), off_t d_off (8), unsigned short d_reclen (2), unsigned char d_type, char d_name[].
    private const int TypeOffset = 18;
    private const int NameOffset = 19;

    /// <summary>Whether <see cref="ReadDirectory"/> can read entry types here: Linux, in a 64-bit process.</summary>
    public static bool CanReadEntryTypes => OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>Whether <see cref="Seek"/> can be called here: Linux, in a 64-bit process, where <c>off_t</c> is a <see cref="long"/>.</summary>
    public static bool CanSeek => OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>
    /// <c>lseek(2)</c>: moves <paramref name="file"/>'s own offset (the one <c>read(2)</c> and <c>write(2)</c> use) to
    /// <paramref name="offset"/> from where <paramref name="whence"/> says, and returns it in <paramref name="result"/>.
    /// </summary>
    public static int Seek(SafeFileHandle file, long offset, int whence, out long result)
    {
        result = SeekCall(file, offset, whence);
        return result >= 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary><c>access(2)</c>: 0 when the calling process may use <paramref name="path"/> as <paramref name="mode"/> asks.</summary>
    public static int Access(string path, int mode) => AccessCall(path, mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary><c>link(2)</c>: makes <paramref name="newPath"/> a hard link to <paramref name="existingPath"/>.</summary>
    public static int Link(string existingPath, string newPath) => LinkCall(existingPath, newPath) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>
    /// <c>mkdtemp(3)</c>: makes a directory (mode 0700) named <paramref name="template"/> with its last six
    /// <c>X</c>s replaced, trying other names while one exists, and returns the name in <paramref name="path"/>.
    /// </summary>
    public static int MakeTemporaryDirectory(string template, out string path)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(template) + 1];
        Encoding.UTF8.GetBytes(template, bytes);
        fixed (byte* name = bytes)
        {
            if (MkdtempCall(name) is null)
            {
                path = template;
                return Marshal.GetLastPInvokeError();
            }

            path = Encoding.UTF8.GetString(bytes, 0, bytes.Length - 1);
            return 0;
        }
    }

    /// <summary><c>realpath(3)</c>: <paramref name="path"/> absolute, with every link on the way resolved.</summary>
    public static int RealPath(string path, out string resolved)
    {
        byte* result = RealpathCall(path, null);
        if (result is null)
        {
            resolved = path;
            return Marshal.GetLastPInvokeError();
        }

        resolved = Marshal.PtrToStringUTF8((nint)result)!;
        Free(result);
        return 0;
    }

    /// <summary>
    /// Lists <paramref name="path"/> with <c>readdir</c> into <paramref name="entries"/>: each name (not <c>.</c> or
    /// <c>..</c>) and its <c>d_type</c>, with no <c>stat</c> per entry, as libuv's <c>scandir</c>. Only where
    /// <see cref="CanReadEntryTypes"/>.
    /// </summary>
    public static int ReadDirectory(string path, List<(string Name, byte Type)> entries)
    {
        nint directory = OpenDirCall(path);
        if (directory == 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            while (true)
            {
                byte* record = ReadDirCall(directory);
                if (record is null)
                {
                    // End of the directory leaves errno as the call found it (cleared); a failure sets it.
                    return Marshal.GetLastPInvokeError();
                }

                ReadOnlySpan<byte> name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(record + NameOffset);
                if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
                {
                    continue;
                }

                entries.Add((Encoding.UTF8.GetString(name), record[TypeOffset]));
            }
        }
        finally
        {
            CloseDirCall(directory);
        }
    }

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long SeekCall(SafeFileHandle file, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int AccessCall(string path, int mode);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkCall(string existingPath, string newPath);

    [LibraryImport("libc", EntryPoint = "mkdtemp", SetLastError = true)]
    private static partial byte* MkdtempCall(byte* template);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial byte* RealpathCall(string path, byte* resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(void* pointer);

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint OpenDirCall(string path);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static partial byte* ReadDirCall(nint directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDirCall(nint directory);
}
