using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Loopwire;

/// <summary>
/// What <see cref="Fs.Stat"/>, <see cref="Fs.LStat"/> and <see cref="Fs.FStat"/> report about a file or directory:
/// Node's <c>fs.Stats</c>, the commonly used part.
/// </summary>
/// <param name="Size">The length in bytes (0 for a directory; for a link from <see cref="Fs.LStat"/>, the length of its target's path).</param>
/// <param name="IsFile">Whether it is a regular file.</param>
/// <param name="IsDirectory">Whether it is a directory.</param>
/// <param name="ModifiedTime">The last write time.</param>
/// <param name="AccessTime">The last access time.</param>
/// <param name="BirthTime">The creation time where the file system records one (on Linux, Node's <c>birthtime</c> from <c>statx</c>); otherwise the earliest time known.</param>
public readonly record struct FileStat(
    long Size,
    bool IsFile,
    bool IsDirectory,
    DateTimeOffset ModifiedTime,
    DateTimeOffset AccessTime,
    DateTimeOffset BirthTime)
{
    /// <summary>
    /// Whether it is a symbolic link, as Node's <c>stats.isSymbolicLink()</c>: only ever from <see cref="Fs.LStat"/>,
    /// since <see cref="Fs.Stat"/> and <see cref="Fs.FStat"/> report what a link points to.
    /// </summary>
    public bool IsSymbolicLink { get; init; }

    /// <summary>Reads the status of <paramref name="path"/>, or of a link itself unless <paramref name="followLinks"/>; blocking, so only ever on the pool.</summary>
    internal static FileStat Of(string path, bool followLinks = true)
    {
        if (LinuxStat.TryStat(path, followLinks, out FileStat stat))
        {
            return stat;
        }

        string syscall = followLinks ? "stat" : "lstat";
        if (path.Length == 0)
        {
            throw FsErrors.NotFound(syscall, path); // as statx and Node's fs.stat report it, where FileInfo would throw ArgumentException
        }

        var info = new FileInfo(path);
        if (!followLinks && info.LinkTarget is { } target)
        {
            // A link's size is its target's path in bytes, as lstat reports it.
            return new FileStat(Encoding.UTF8.GetByteCount(target), false, false, info.LastWriteTimeUtc, info.LastAccessTimeUtc, info.CreationTimeUtc)
            {
                IsSymbolicLink = true,
            };
        }

        if (info.Exists)
        {
            return new FileStat(info.Length, true, false, info.LastWriteTimeUtc, info.LastAccessTimeUtc, info.CreationTimeUtc);
        }

        var directory = new DirectoryInfo(path);
        if (directory.Exists)
        {
            return new FileStat(0, false, true, directory.LastWriteTimeUtc, directory.LastAccessTimeUtc, directory.CreationTimeUtc);
        }

        throw FsErrors.NotFound(syscall, path);
    }

    /// <summary>Reads the status of an open file; blocking, so only ever on the pool.</summary>
    internal static FileStat Of(SafeFileHandle file)
    {
        if (LinuxStat.TryStat(file, out FileStat stat))
        {
            return stat;
        }

        bool isDirectory = File.GetAttributes(file).HasFlag(FileAttributes.Directory);
        return new FileStat(
            isDirectory ? 0 : RandomAccess.GetLength(file),
            !isDirectory,
            isDirectory,
            File.GetLastWriteTimeUtc(file),
            File.GetLastAccessTimeUtc(file),
            File.GetCreationTimeUtc(file));
    }
}
