using System.IO.Enumeration;
using System.Runtime.CompilerServices;
using System.Text;
using Loopwire.Internal.Linux;
using Microsoft.Win32.SafeHandles;

namespace Loopwire;

/// <summary>
/// The blocking halves of <see cref="Fs"/>'s calls: each runs on a pool thread, as libuv's <c>uv_fs_*</c> requests do,
/// and fails with the error Node would report (<see cref="FsErrors"/>). The syscall named in each error is the one
/// Node names for that call.
/// </summary>
internal static partial class FileOperations
{
    // Files opened with an a flag. .NET opens them without O_APPEND, so their writes are sent to the end here, as
    // the kernel sends an O_APPEND write there whatever its position.
    private static readonly ConditionalWeakTable<SafeFileHandle, object?> Appending = [];

    public static byte[] ReadAllBytes(string path) =>
        Reworded("open", path, File.ReadAllBytes);

    public static string ReadAllText(string path, Encoding encoding) =>
        Reworded("open", path, path => File.ReadAllText(path, encoding));

    public static bool WriteAllBytes(string path, ReadOnlyMemory<byte> data) =>
        WriteTo(path, FileMode.Create, data.Span);

    public static bool WriteAllText(string path, string text) =>
        WriteTo(path, FileMode.Create, Encoding.UTF8.GetBytes(text));

    public static bool AppendAllBytes(string path, ReadOnlyMemory<byte> data) =>
        WriteTo(path, FileMode.Append, data.Span);

    public static bool AppendAllText(string path, string text) =>
        WriteTo(path, FileMode.Append, Encoding.UTF8.GetBytes(text));

    /// <summary>The names in a directory, as Node's <c>fs.readdir</c>: sorted, as libuv's <c>scandir</c> sorts them (<c>strcmp</c>).</summary>
    public static string[] ReadDir(string path)
    {
        string[] names = Reworded("scandir", path, static path => Directory.GetFileSystemEntries(path).Select(static entry => Path.GetFileName(entry.AsSpan()).ToString()).ToArray());
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// The entries in a directory with what each is, as Node's <c>fs.readdir</c> with <c>withFileTypes</c>: sorted by
    /// name, as libuv's <c>scandir</c> sorts them, and on 64-bit Linux from <c>readdir</c>'s <c>d_type</c>, with a
    /// <c>stat</c> only for an entry whose file system does not say.
    /// </summary>
    public static Dirent[] ReadDirTypes(string path)
    {
        Dirent[] entries;
        if (FileCalls.CanReadEntryTypes)
        {
            var listed = new List<(string Name, byte Type)>();
            int errno = FileCalls.ReadDirectory(path, listed);
            if (errno != 0)
            {
                throw FsErrors.FromDirectoryErrno(errno, "scandir", path);
            }

            entries = new Dirent[listed.Count];
            for (int i = 0; i < entries.Length; i++)
            {
                (string name, byte type) = listed[i];
                entries[i] = new Dirent(name, type switch
                {
                    FileCalls.TypeRegular => DirentKind.File,
                    FileCalls.TypeDirectory => DirentKind.Directory,
                    FileCalls.TypeLink => DirentKind.SymbolicLink,
                    FileCalls.TypeUnknown => KindOf(FileStat.Of(Path.Join(path, name), followLinks: false)),
                    _ => DirentKind.Other,
                });
            }
        }
        else
        {
            // .NET's entries tell a link only through their attributes, which cost a stat each; no hidden entry is skipped.
            entries = Reworded("scandir", path, static path => new FileSystemEnumerable<Dirent>(
                path,
                static (ref FileSystemEntry entry) => new Dirent(
                    entry.FileName.ToString(),
                    entry.Attributes.HasFlag(FileAttributes.ReparsePoint) ? DirentKind.SymbolicLink : entry.IsDirectory ? DirentKind.Directory : DirentKind.File),
                new EnumerationOptions { AttributesToSkip = 0 }).ToArray());
        }

        Array.Sort(entries, static (a, b) => StringComparer.Ordinal.Compare(a.Name, b.Name));
        return entries;
    }

    /// <summary>
    /// Makes a new directory named <paramref name="prefix"/> and six random characters, as Node's <c>fs.mkdtemp</c>,
    /// with <c>mkdtemp(3)</c>, as libuv: made only if no entry has the name, so two callers never share one.
    /// </summary>
    public static string MkDtemp(string prefix)
    {
        string template = prefix + "XXXXXX";
        int errno = FileCalls.MakeTemporaryDirectory(template, out string path);
        return errno == 0 ? path : throw FsErrors.FromDirectoryErrno(errno, "mkdtemp", template);
    }

    public static bool MkDir(string path, bool recursive)
    {
        if (File.Exists(path) || (!recursive && Directory.Exists(path)))
        {
            throw FsErrors.Exists("mkdir", path);
        }

        // Directory.CreateDirectory makes missing parents; without recursive, Node's mkdir reports them instead.
        if (!recursive && Path.GetDirectoryName(Path.GetFullPath(path)) is { } parent && !Directory.Exists(parent))
        {
            throw FsErrors.MissingParent("mkdir", path);
        }

        return Reworded("mkdir", path, static path => Directory.CreateDirectory(path) is not null);
    }

    public static bool Rm(string path, bool recursive, bool force)
    {
        if (Directory.Exists(path))
        {
            if (!recursive)
            {
                throw FsErrors.IsADirectory("rm", path);
            }

            return Reworded("rm", path, static path => { Directory.Delete(path, recursive: true); return true; });
        }

        if (!File.Exists(path))
        {
            return force ? true : throw FsErrors.NotFound("rm", path);
        }

        return Reworded("rm", path, static path => { File.Delete(path); return true; });
    }

    public static bool Unlink(string path)
    {
        // File.Delete succeeds on a missing file, where Node's unlink reports it.
        if (Directory.Exists(path))
        {
            throw FsErrors.IsADirectory("unlink", path);
        }

        if (!File.Exists(path))
        {
            throw FsErrors.NotFound("unlink", path);
        }

        return Reworded("unlink", path, static path => { File.Delete(path); return true; });
    }

    /// <summary>Moves a file or directory, replacing a file at the destination, as rename(2) and Node's <c>fs.rename</c> do.</summary>
    public static bool Rename(string source, string destination)
    {
        try
        {
            if (Directory.Exists(source))
            {
                Directory.Move(source, destination);
            }
            else
            {
                File.Move(source, destination, overwrite: true);
            }

            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw FsErrors.Reword(error, "rename", source, destination);
        }
    }

    /// <summary>Copies a file, replacing the destination, as Node's <c>fs.copyFile</c> does without flags.</summary>
    public static bool CopyFile(string source, string destination)
    {
        try
        {
            File.Copy(source, destination, overwrite: true);
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw FsErrors.Reword(error, "copyfile", source, destination);
        }
    }

    public static SafeFileHandle Open(string path, OpenFlags flags)
    {
        var handle = Reworded("open", path, path => File.OpenHandle(path, flags.Mode, flags.Access, FileShare.ReadWrite | FileShare.Delete));
        if (flags.Appends)
        {
            Appending.Add(handle, null);
        }

        return handle;
    }

    public static int Read(SafeFileHandle handle, Memory<byte> buffer, long position) =>
        RandomAccess.Read(handle, buffer.Span, position);

    public static int Write(SafeFileHandle handle, ReadOnlyMemory<byte> data, long position)
    {
        RandomAccess.Write(handle, data.Span, Appending.TryGetValue(handle, out _) ? RandomAccess.GetLength(handle) : position);
        return data.Length;
    }

    /// <summary>Writes <paramref name="buffers"/> one after another in one call (<c>pwritev</c>), as <see cref="Write(SafeFileHandle, ReadOnlyMemory{byte}, long)"/> writes one.</summary>
    public static int Write(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long position)
    {
        RandomAccess.Write(handle, buffers, Appending.TryGetValue(handle, out _) ? RandomAccess.GetLength(handle) : position);
        int written = 0;
        foreach (ReadOnlyMemory<byte> buffer in buffers)
        {
            written += buffer.Length;
        }

        return written;
    }

    /// <summary>
    /// Reads at <paramref name="handle"/>'s own offset and moves it past the bytes read, as <c>read(2)</c> does for
    /// Node's position <c>null</c>: <c>lseek</c> around a positioned read, so on 64-bit Linux only (<see cref="FileCalls.CanSeek"/>).
    /// </summary>
    public static int ReadAtOffset(SafeFileHandle handle, Memory<byte> buffer)
    {
        long offset = Seek(handle, 0, FileCalls.SeekCurrent, "read");
        int read = Read(handle, buffer, offset);
        Seek(handle, offset + read, FileCalls.SeekSet, "read");
        return read;
    }

    /// <summary>
    /// Writes <paramref name="buffers"/> at <paramref name="handle"/>'s own offset and moves it past them (to the end
    /// of the file for the <c>a</c> flags), as <c>writev(2)</c> does for Node's position <c>null</c>; 64-bit Linux only.
    /// </summary>
    public static int WriteAtOffset(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers)
    {
        long offset = Seek(handle, 0, FileCalls.SeekCurrent, "write");
        int written = Write(handle, buffers, offset);
        if (Appending.TryGetValue(handle, out _))
        {
            Seek(handle, 0, FileCalls.SeekEnd, "write");
        }
        else
        {
            Seek(handle, offset + written, FileCalls.SeekSet, "write");
        }

        return written;
    }

    public static bool Close(SafeFileHandle handle)
    {
        handle.Dispose();
        return true;
    }

    /// <summary>Writes the file through to the device, then closes it, also when that fails (Node's write stream <c>flush</c>).</summary>
    public static bool FlushAndClose(SafeFileHandle handle)
    {
        try
        {
            return FSync(handle);
        }
        finally
        {
            Close(handle);
        }
    }

    /// <summary><c>lseek</c>, its failure worded as Node words one of <paramref name="syscall"/> on a descriptor (<c>EBADF: bad file descriptor, read</c>).</summary>
    private static long Seek(SafeFileHandle handle, long offset, int whence, string syscall)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, handle);
        int errno = FileCalls.Seek(handle, offset, whence, out long result);
        return errno == 0 ? result : throw FsErrors.FromErrno(errno, syscall, path: null);
    }

    private static bool WriteTo(string path, FileMode mode, ReadOnlySpan<byte> data)
    {
        try
        {
            using var file = new FileStream(path, mode, FileAccess.Write, FileShare.Read);
            file.Write(data);
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw FsErrors.Reword(error, "open", path);
        }
    }

    private static DirentKind KindOf(FileStat stat) =>
        stat.IsSymbolicLink ? DirentKind.SymbolicLink : stat.IsDirectory ? DirentKind.Directory : stat.IsFile ? DirentKind.File : DirentKind.Other;

    private static T Reworded<T>(string syscall, string path, Func<string, T> operation)
    {
        try
        {
            return operation(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw FsErrors.Reword(error, syscall, path);
        }
    }
}
