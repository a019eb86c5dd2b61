using System.Runtime.InteropServices;

namespace Loopwire;

/// <summary>
/// File errors worded as Node words them (<c>ENOENT: no such file or directory, open '/tmp/x'</c>), in the exception
/// types .NET's own file APIs throw, so that both a .NET <c>catch</c> and a ported Node check of the code work.
/// </summary>
internal static class FsErrors
{
    private const int EPERM = 1;
    private const int ENOENT = 2;
    private const int EIO = 5;
    private const int EBADF = 9;
    private const int EACCES = 13;
    private const int EBUSY = 16;
    private const int EEXIST = 17;
    private const int EXDEV = 18;
    private const int ENOTDIR = 20;
    private const int EISDIR = 21;
    private const int EINVAL = 22;
    private const int EMFILE = 24;
    private const int ENOSPC = 28;
    private const int EROFS = 30;
    private const int ENAMETOOLONG = 36;
    private const int ENOTEMPTY = 39;
    private const int ELOOP = 40;

    /// <summary>
    /// The exception for the system error <paramref name="errno"/> of <paramref name="syscall"/> on <paramref name="path"/>,
    /// or on a descriptor when <paramref name="path"/> is null (Node names no path then: <c>EBADF: bad file descriptor, fstat</c>).
    /// </summary>
    public static Exception FromErrno(int errno, string syscall, string? path, string? destination = null)
    {
        string message = Message(errno, syscall, path, destination);
        return errno switch
        {
            ENOENT => new FileNotFoundException(message, path),
            ENOTDIR => new DirectoryNotFoundException(message),
            EACCES or EPERM or EISDIR => new UnauthorizedAccessException(message),
            ENAMETOOLONG => new PathTooLongException(message),
            _ => new IOException(message, errno),
        };
    }

    /// <summary>
    /// Rewords what .NET's file APIs threw for <paramref name="syscall"/> on <paramref name="path"/>, keeping its
    /// type. .NET reports a missing path and a path through a file alike, and a directory used as a file as access
    /// denied, so those are told apart by looking at the path again: only on this failure path, on the pool.
    /// </summary>
    public static Exception Reword(Exception error, string syscall, string path, string? destination = null) => error switch
    {
        FileNotFoundException => new FileNotFoundException(Message(ENOENT, syscall, path, destination), path),
        DirectoryNotFoundException => new DirectoryNotFoundException(Message(NotADirectory(path, destination) ? ENOTDIR : ENOENT, syscall, path, destination)),
        UnauthorizedAccessException => new UnauthorizedAccessException(Message(Directory.Exists(destination ?? path) || Directory.Exists(path) ? EISDIR : EACCES, syscall, path, destination)),
        PathTooLongException => new PathTooLongException(Message(ENAMETOOLONG, syscall, path, destination)),
        IOException { HResult: > 0 and < 4096 } io => new IOException(Message(io.HResult, syscall, path, destination), io.HResult), // .NET on Unix keeps the errno there
        _ => error,
    };

    /// <summary>
    /// Rewords what .NET threw for <paramref name="syscall"/> on an open file: Node names no path for a descriptor
    /// (<c>EINVAL: invalid argument, ftruncate</c>). .NET on Unix keeps the errno of an <see cref="IOException"/> in its
    /// <c>HResult</c>, and throws EBADF, EACCES and EPERM (a read of a file open only for writing) as an
    /// <see cref="UnauthorizedAccessException"/> around such an exception; anything else is left as it is.
    /// </summary>
    public static Exception RewordDescriptor(Exception error, string syscall) => error switch
    {
        IOException { HResult: > 0 and < 4096 } io => FromErrno(io.HResult, syscall, path: null),
        UnauthorizedAccessException { InnerException: IOException { HResult: > 0 and < 4096 } io } => FromErrno(io.HResult, syscall, path: null),
        _ => error,
    };

    /// <summary>
    /// The error <c>fs.watch</c> throws when inotify refuses <paramref name="path"/>: ENOSPC, the limit on watches, in
    /// Node's own words (not "no space left on device"), and EMFILE, which inotify also reports for its limit on instances,
    /// each naming the setting that raises it; any other as <see cref="FromErrno"/> words it.
    /// </summary>
    public static Exception WatchFailed(int errno, string path) => errno switch
    {
        ENOSPC => new IOException(
            $"ENOSPC: System limit for number of file watchers reached, watch '{path}' (the limit is the sysctl fs.inotify.max_user_watches)", ENOSPC),
        EMFILE => new IOException(
            $"EMFILE: too many open files, watch '{path}' (each watcher holds an inotify instance: the limit is the process's open files or, per user, the sysctl fs.inotify.max_user_instances)", EMFILE),
        _ => FromErrno(errno, "watch", path),
    };

    /// <summary>The error Node reports for a path that names an existing entry where none may be.</summary>
    public static Exception Exists(string syscall, string path) => FromErrno(EEXIST, syscall, path);

    /// <summary>The error Node reports for a missing path, or for either path of a two-path call.</summary>
    public static Exception NotFound(string syscall, string path, string? destination = null) => FromErrno(ENOENT, syscall, path, destination);

    /// <summary>
    /// As <see cref="FromErrno"/>, but a missing path is a <see cref="DirectoryNotFoundException"/>, as .NET throws for a
    /// directory it cannot find.
    /// </summary>
    public static Exception FromDirectoryErrno(int errno, string syscall, string path) =>
        errno == ENOENT ? new DirectoryNotFoundException(Message(ENOENT, syscall, path, destination: null)) : FromErrno(errno, syscall, path);

    /// <summary>The error libuv reports on Windows for a write check of a read-only file.</summary>
    public static Exception NotPermitted(string syscall, string path) => FromErrno(EPERM, syscall, path);

    /// <summary>The error Node reports for a directory where a file is expected.</summary>
    public static Exception IsADirectory(string syscall, string path) => FromErrno(EISDIR, syscall, path);

    /// <summary>The error Node reports for a path that is not what the call needs, as <c>readlink</c> of a file.</summary>
    public static Exception InvalidArgument(string syscall, string path) => FromErrno(EINVAL, syscall, path);

    /// <summary>The error Node reports for a missing path: ENOTDIR when the way there runs through a file, else ENOENT.</summary>
    public static Exception Missing(string syscall, string path) => FromErrno(NotADirectory(path) ? ENOTDIR : ENOENT, syscall, path);

    /// <summary>
    /// The error Node reports for a path whose parent is missing: ENOTDIR when the way there runs through a file,
    /// else ENOENT; a <see cref="DirectoryNotFoundException"/> either way, as .NET throws for a missing parent. For a
    /// two-path call the path made is <paramref name="destination"/> (a link's name), so that is the one looked at.
    /// </summary>
    public static Exception MissingParent(string syscall, string path, string? destination = null) =>
        new DirectoryNotFoundException(Message(NotADirectory(destination ?? path) ? ENOTDIR : ENOENT, syscall, path, destination));

    /// <summary>
    /// Node's message: <c>CODE: description, syscall 'path'</c>, with <c> -&gt; 'destination'</c> for two-path calls
    /// and no path for a descriptor.
    /// </summary>
    private static string Message(int errno, string syscall, string? path, string? destination)
    {
        var (code, description) = Describe(errno);
        return (path, destination) switch
        {
            (null, _) => $"{code}: {description}, {syscall}",
            (_, null) => $"{code}: {description}, {syscall} '{path}'",
            _ => $"{code}: {description}, {syscall} '{path}' -> '{destination}'",
        };
    }

    // libuv's names and texts (uv_err_name, uv_strerror) for the errors file calls report.
    private static (string Code, string Description) Describe(int errno) => errno switch
    {
        EPERM => ("EPERM", "operation not permitted"),
        ENOENT => ("ENOENT", "no such file or directory"),
        EIO => ("EIO", "i/o error"),
        EBADF => ("EBADF", "bad file descriptor"),
        EACCES => ("EACCES", "permission denied"),
        EBUSY => ("EBUSY", "resource busy or locked"),
        EEXIST => ("EEXIST", "file already exists"),
        EXDEV => ("EXDEV", "cross-device link not permitted"),
        ENOTDIR => ("ENOTDIR", "not a directory"),
        EISDIR => ("EISDIR", "illegal operation on a directory"),
        EINVAL => ("EINVAL", "invalid argument"),
        EMFILE => ("EMFILE", "too many open files"),
        ENOSPC => ("ENOSPC", "no space left on device"),
        EROFS => ("EROFS", "read-only file system"),
        ENAMETOOLONG => ("ENAMETOOLONG", "name too long"),
        ENOTEMPTY => ("ENOTEMPTY", "directory not empty"),
        ELOOP => ("ELOOP", "too many symbolic links encountered"),
        _ => ($"E{errno}", Marshal.GetPInvokeErrorMessage(errno)),
    };

    /// <summary>
    /// Whether a two-path call's ENOTDIR is due: a directory on the way to either path is a file. The source itself
    /// being a file is what a rename or copy expects, so only the directories above each path are looked at.
    /// </summary>
    private static bool NotADirectory(string path, string? destination) => destination is null
        ? NotADirectory(path)
        : NotADirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? path) || NotADirectory(Path.GetDirectoryName(Path.GetFullPath(destination)) ?? destination);

    /// <summary>Whether <paramref name="path"/> or a directory on the way to it is a file, which makes the system report ENOTDIR.</summary>
    private static bool NotADirectory(string path)
    {
        for (string? step = Path.GetFullPath(path); !string.IsNullOrEmpty(step); step = Path.GetDirectoryName(step))
        {
            if (File.Exists(step))
            {
                return true;
            }
        }

        return false;
    }
}
