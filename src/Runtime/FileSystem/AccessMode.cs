namespace Loopwire;

/// <summary>What <see cref="Fs.Access"/> checks, as Node's <c>fs.constants</c> <c>F_OK</c>, <c>R_OK</c>, <c>W_OK</c> and <c>X_OK</c>; combine them with <c>|</c>.</summary>
[Flags]
public enum AccessMode
{
    /// <summary>Only that the path exists: <c>F_OK</c>.</summary>
    Exists = 0,

    /// <summary>That the process may execute the file, or search the directory: <c>X_OK</c>.</summary>
    Execute = 1,

    /// <summary>That the process may write it: <c>W_OK</c>.</summary>
    Write = 2,

    /// <summary>That the process may read it: <c>R_OK</c>.</summary>
    Read = 4,
}
