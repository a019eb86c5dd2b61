using Loopwire.Internal.Linux;
using Microsoft.Win32.SafeHandles;

namespace Loopwire;

/// <content>Attributes: access, chmod, utimes, truncate, and the descriptor calls fstat, ftruncate and fsync.</content>
internal static partial class FileOperations
{
    public static bool Access(string path, AccessMode mode)
    {
        if (OperatingSystem.IsLinux())
        {
            // access(2), as libuv's: the process's real ids against the mode bits, ACLs and read-only mounts.
            int errno = FileCalls.Access(path, (int)mode);
            return errno == 0 ? true : throw FsErrors.FromErrno(errno, "access", path);
        }

        // Elsewhere as libuv on Windows: the path must exist, and only a read-only file fails a write check.
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw FsErrors.Missing("access", path);
        }

        bool readOnlyFile = File.Exists(path) && File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly);
        return mode.HasFlag(AccessMode.Write) && readOnlyFile ? throw FsErrors.NotPermitted("access", path) : true;
    }

    public static bool Chmod(string path, UnixFileMode mode)
    {
        if (path.Length == 0)
        {
            throw FsErrors.NotFound("chmod", path); // as chmod(2) reports it, where .NET would throw ArgumentException
        }

        try
        {
            if (OperatingSystem.IsWindows())
            {
                // As libuv on Windows: the owner's write bit is the read-only attribute, and the rest has no meaning there.
                FileAttributes attributes = File.GetAttributes(path);
                File.SetAttributes(path, mode.HasFlag(UnixFileMode.UserWrite) ? attributes & ~FileAttributes.ReadOnly : attributes | FileAttributes.ReadOnly);
            }
            else
            {
                File.SetUnixFileMode(path, mode);
            }

            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw FsErrors.Reword(error, "chmod", path);
        }
    }

    public static bool Utimes(string path, DateTimeOffset accessTime, DateTimeOffset modifiedTime)
    {
        if (path.Length == 0)
        {
            throw FsErrors.NotFound("utime", path);
        }

        try
        {
            // .NET sets a link's own times; utimes(2), and so Node, sets those of what it points to.
            string target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
            File.SetLastAccessTimeUtc(target, accessTime.UtcDateTime);
            File.SetLastWriteTimeUtc(target, modifiedTime.UtcDateTime);
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw FsErrors.Reword(error, "utime", path);
        }
    }

    /// <summary>As Node's <c>fs.truncate</c>: the file is opened and its descriptor truncated, so its errors name <c>open</c>.</summary>
    public static bool Truncate(string path, long length)
    {
        if (path.Length == 0)
        {
            throw FsErrors.NotFound("open", path);
        }

        using SafeFileHandle file = Reworded("open", path, static path => File.OpenHandle(path, FileMode.Open, FileAccess.Write));
        return FTruncate(file, length);
    }

    public static FileStat FStat(SafeFileHandle file) => Descriptor("fstat", file, FileStat.Of);

    /// <summary>Cuts or extends the file to <paramref name="length"/> bytes (new bytes are zeros); a negative length is 0, as Node clamps it.</summary>
    public static bool FTruncate(SafeFileHandle file, long length) =>
        Descriptor("ftruncate", (file, length: Math.Max(0, length)), static call => { RandomAccess.SetLength(call.file, call.length); return true; });

    public static bool FSync(SafeFileHandle file) =>
        Descriptor("fsync", file, static file => { RandomAccess.FlushToDisk(file); return true; });

    private static TResult Descriptor<TState, TResult>(string syscall, TState state, Func<TState, TResult> operation)
    {
        try
        {
            return operation(state);
        }
        catch (IOException error)
        {
            throw FsErrors.RewordDescriptor(error, syscall);
        }
    }
}
