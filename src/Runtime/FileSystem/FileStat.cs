namespace Loopwire;

/// <summary>What <see cref="Fs.Stat"/> reports about a file or directory: Node's <c>fs.Stats</c>, the commonly used part.</summary>
/// <param name="Size">The length in bytes (0 for a directory).</param>
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
    /// <summary>Reads the status of <paramref name="path"/>; blocking, so only ever on the pool.</summary>
    internal static FileStat Of(string path)
    {
        if (LinuxStat.TryStat(path, out FileStat stat))
        {
            return stat;
        }

        if (path.Length == 0)
        {
            throw FsErrors.NotFound("stat", path); // as statx and Node's fs.stat report it, where FileInfo would throw ArgumentException
        }

        var info = new FileInfo(path);
        if (info.Exists)
        {
            return new FileStat(info.Length, true, false, info.LastWriteTimeUtc, info.LastAccessTimeUtc, info.CreationTimeUtc);
        }

        var directory = new DirectoryInfo(path);
        if (directory.Exists)
        {
            return new FileStat(0, false, true, directory.LastWriteTimeUtc, directory.LastAccessTimeUtc, directory.CreationTimeUtc);
        }

        throw FsErrors.NotFound("stat", path);
    }
}
