using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Loopwire.Processes;

/// <summary>How <see cref="ChildProcess.Spawn"/> starts a process: the part of Node's <c>spawn</c> options that .NET can honour.</summary>
public sealed record SpawnOptions
{
    /// <summary>The child's working directory (Node's <c>cwd</c>); null for this process's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// The child's whole environment (Node's <c>env</c>): variables not listed are not passed on, and a null value
    /// leaves its variable out, as Node leaves out <c>undefined</c>. Null (the default) passes this process's.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>What the child's stdin is connected to; <see cref="StdioMode.Pipe"/> by default.</summary>
    public StdioMode Stdin { get; init; }

    /// <summary>What the child's stdout is connected to; <see cref="StdioMode.Pipe"/> by default.</summary>
    public StdioMode Stdout { get; init; }

    /// <summary>What the child's stderr is connected to; <see cref="StdioMode.Pipe"/> by default.</summary>
    public StdioMode Stderr { get; init; }

    /// <summary>
    /// Whether the file and its arguments, joined with spaces, are a command line for the system's shell
    /// (<c>/bin/sh -c</c>; <c>cmd.exe /d /s /c</c> on Windows), as Node's <c>shell: true</c>; false by default. The
    /// shell interprets it: never put untrusted text in it.
    /// </summary>
    public bool Shell { get; init; }

    /// <summary>How long the child may run before it is sent <see cref="KillSignal"/> (Node's <c>timeout</c>); zero, the default, for no limit.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>The signal <see cref="Timeout"/> sends (Node's <c>killSignal</c>); SIGTERM by default.</summary>
    public PosixSignal KillSignal { get; init; } = PosixSignal.SIGTERM;

    /// <summary>The start info for <paramref name="file"/> run directly (no shell), its streams redirected unless inherited.</summary>
    internal ProcessStartInfo ToStartInfo(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            UseShellExecute = false,
            RedirectStandardInput = Stdin != StdioMode.Inherit,
            RedirectStandardOutput = Stdout != StdioMode.Inherit,
            RedirectStandardError = Stderr != StdioMode.Inherit,
        };

        if (WorkingDirectory is not null)
        {
            start.WorkingDirectory = WorkingDirectory;
        }

        if (Environment is not null)
        {
            start.Environment.Clear(); // ProcessStartInfo starts with this process's variables
            foreach ((string name, string? value) in Environment)
            {
                if (value is not null)
                {
                    start.Environment[name] = value;
                }
            }
        }

        return start;
    }
}
