namespace Loopwire;

/// <summary>What a directory entry is, as Node's <c>Dirent</c> tells it with <c>isFile()</c>, <c>isDirectory()</c> and <c>isSymbolicLink()</c>.</summary>
public enum DirentKind
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link, whatever it points to (or if it points nowhere).</summary>
    SymbolicLink,

    /// <summary>Anything else: a pipe, a socket, a device.</summary>
    Other,
}
