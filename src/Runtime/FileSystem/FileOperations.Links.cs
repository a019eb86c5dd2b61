using Loopwire.Internal.Linux;

namespace Loopwire;

/// <content>Links: symlink, readlink, realpath, link.</content>
internal static partial class FileOperations
{
    public static bool Symlink(string target, string path)
    {
        if (target.Length == 0 || path.Length == 0)
        {
            throw FsErrors.NotFound("symlink", target, path); // as symlink(2) reports it, where .NET would throw ArgumentException
        }

        try
        {
            // Windows makes a link to a directory differently, so look, as Node does when it is given no type;
            // elsewhere both are the one symlink(2), which keeps the target as written, relative or not.
            if (OperatingSystem.IsWindows() && Directory.Exists(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "", target)))
            {
                Directory.CreateSymbolicLink(path, target);
            }
            else
            {
                File.CreateSymbolicLink(path, target);
            }

            return true;
        }
        catch (DirectoryNotFoundException)
        {
            throw FsErrors.MissingParent("symlink", target, path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw FsErrors.Reword(error, "symlink", target, path);
        }
    }

    public static string ReadLink(string path)
    {
        if (path.Length == 0)
        {
            throw FsErrors.NotFound("readlink", path);
        }

        string? target = Reworded("readlink", path, static path => new FileInfo(path).LinkTarget);

        // .NET answers null both for an entry that is not a link and for no entry at all, which Node tells apart.
        return target
            ?? throw (File.Exists(path) || Directory.Exists(path) ? FsErrors.InvalidArgument("readlink", path) : FsErrors.Missing("readlink", path));
    }

    public static string RealPath(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            // realpath(3), as libuv's uv_fs_realpath and so Node's fs.promises.realpath and fs.realpath.native.
            int errno = FileCalls.RealPath(path, out string resolved);
            return errno == 0 ? resolved : throw FsErrors.FromErrno(errno, "realpath", path);
        }

        // Elsewhere: the full path, and the link there followed to its end; links in the directories on the way are left.
        if (path.Length == 0 || (!File.Exists(path) && !Directory.Exists(path)))
        {
            throw FsErrors.Missing("realpath", path);
        }

        string full = Path.GetFullPath(path);
        return Reworded("realpath", full, static full => File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full);
    }

    /// <summary>link(2), on Linux only: .NET has no call that makes a hard link (<see cref="Fs.Link"/> refuses elsewhere).</summary>
    public static bool Link(string existingPath, string newPath)
    {
        int errno = FileCalls.Link(existingPath, newPath);
        return errno == 0 ? true : throw FsErrors.FromErrno(errno, "link", existingPath, newPath);
    }
}
