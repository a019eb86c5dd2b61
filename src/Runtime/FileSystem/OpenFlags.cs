namespace Loopwire;

/// <summary>Node's <c>fs.open</c> flags (<c>"r"</c>, <c>"w"</c>, <c>"a+"</c>, ...) as the .NET mode and access they mean.</summary>
/// <param name="Mode">Whether the file must exist, is created, truncated or appended to.</param>
/// <param name="Access">Whether the descriptor reads, writes or both.</param>
/// <param name="Appends">Whether every write goes to the end of the file, whatever its position (the <c>a</c> flags).</param>
internal readonly record struct OpenFlags(FileMode Mode, FileAccess Access, bool Appends = false)
{
    /// <summary>Parses Node's flags.</summary>
    /// <exception cref="ArgumentException"><paramref name="flags"/> is not one of Node's flags.</exception>
    public static OpenFlags Parse(string flags, string parameterName) => flags switch
    {
        "r" or "rs" => new(FileMode.Open, FileAccess.Read),
        "r+" or "rs+" => new(FileMode.Open, FileAccess.ReadWrite),
        "w" => new(FileMode.Create, FileAccess.Write),
        "wx" or "xw" => new(FileMode.CreateNew, FileAccess.Write),
        "w+" => new(FileMode.Create, FileAccess.ReadWrite),
        "wx+" or "xw+" => new(FileMode.CreateNew, FileAccess.ReadWrite),
        "a" or "as" => new(FileMode.OpenOrCreate, FileAccess.Write, Appends: true),
        "ax" or "xa" => new(FileMode.CreateNew, FileAccess.Write, Appends: true),
        "a+" or "as+" => new(FileMode.OpenOrCreate, FileAccess.ReadWrite, Appends: true),
        "ax+" or "xa+" => new(FileMode.CreateNew, FileAccess.ReadWrite, Appends: true),
        _ => throw new ArgumentException(
            $"'{flags}' is not a file open flag; use one of Node's: r, r+, w, wx, w+, wx+, a, ax, a+, ax+.", parameterName),
    };
}
