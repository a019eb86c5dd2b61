using System.Runtime.InteropServices;

namespace Loopwire.Processes;

/// <summary>How <see cref="ChildProcess.Exec"/> and <see cref="ChildProcess.ExecFile"/> run a process: Node's <c>exec</c> options that .NET can honour.</summary>
public sealed record ExecOptions
{
    /// <summary>Node's default <see cref="MaxBuffer"/>: 1 MiB.</summary>
    public const int DefaultMaxBuffer = 1024 * 1024;

    /// <summary>The child's working directory (Node's <c>cwd</c>); null for this process's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The child's whole environment, as <see cref="SpawnOptions.Environment"/> (Node's <c>env</c>); null passes this process's.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>How long the child may run before it is sent <see cref="KillSignal"/> (Node's <c>timeout</c>); zero (the default) for no limit.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>
    /// The most bytes kept of stdout, and of stderr (Node's <c>maxBuffer</c>): past it the child is sent
    /// <see cref="KillSignal"/> and the callback gets an error. <see cref="DefaultMaxBuffer"/> unless set.
    /// </summary>
    public int MaxBuffer { get; init; } = DefaultMaxBuffer;

    /// <summary>The signal <see cref="Timeout"/> and <see cref="MaxBuffer"/> end the child with (Node's <c>killSignal</c>); SIGTERM unless set.</summary>
    public PosixSignal KillSignal { get; init; } = PosixSignal.SIGTERM;

    /// <summary>The spawn options these amount to: stdin, stdout and stderr piped.</summary>
    internal SpawnOptions ToSpawnOptions() => new() { WorkingDirectory = WorkingDirectory, Environment = Environment };
}
