namespace Loopwire;

/// <summary>An entry <see cref="Fs.ReadDir(string, bool, Action{Exception?, Dirent[]})"/> lists, as Node's <c>fs.Dirent</c>.</summary>
/// <param name="Name">The entry's name (not its path).</param>
/// <param name="Kind">What it is; a link is a link, not what it points to.</param>
public readonly record struct Dirent(string Name, DirentKind Kind)
{
    /// <summary>Whether it is a regular file, as Node's <c>dirent.isFile()</c>.</summary>
    public bool IsFile => Kind == DirentKind.File;

    /// <summary>Whether it is a directory, as Node's <c>dirent.isDirectory()</c>.</summary>
    public bool IsDirectory => Kind == DirentKind.Directory;

    /// <summary>Whether it is a symbolic link, as Node's <c>dirent.isSymbolicLink()</c>.</summary>
    public bool IsSymbolicLink => Kind == DirentKind.SymbolicLink;
}
