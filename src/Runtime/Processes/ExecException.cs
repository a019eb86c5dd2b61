using System.Runtime.InteropServices;

namespace Loopwire.Processes;

/// <summary>
/// A process run by <see cref="ChildProcess.Exec"/> or <see cref="ChildProcess.ExecFile"/> that did not succeed: it
/// exited with a code other than 0, was ended by a signal, or printed more than <see cref="ExecOptions.MaxBuffer"/>.
/// Node's <c>exec</c> error, with its <c>cmd</c>, <c>code</c>, <c>signal</c> and <c>killed</c>, and the output.
/// </summary>
public sealed class ExecException : Exception
{
    internal ExecException(string message, string command, int? exitCode, PosixSignal? signal, bool killed, string stdout, string stderr)
        : base(message)
    {
        Command = command;
        ExitCode = exitCode;
        Signal = signal;
        Killed = killed;
        Stdout = stdout;
        Stderr = stderr;
    }

    /// <summary>The command, as run: the file and its arguments joined with spaces (Node's <c>cmd</c>).</summary>
    public string Command { get; }

    /// <summary>The exit code, or null when a signal ended the child (Node's <c>code</c>).</summary>
    public int? ExitCode { get; }

    /// <summary>The signal that ended the child, or null (Node's <c>signal</c>); see <see cref="ChildProcess.SignalCode"/>.</summary>
    public PosixSignal? Signal { get; }

    /// <summary>Whether the child was sent a signal to end it: for <see cref="ExecOptions.Timeout"/> or <see cref="ExecOptions.MaxBuffer"/> (Node's <c>killed</c>).</summary>
    public bool Killed { get; }

    /// <summary>What the child printed on stdout, as UTF-8 text (at most <see cref="ExecOptions.MaxBuffer"/> bytes of it).</summary>
    public string Stdout { get; }

    /// <summary>What the child printed on stderr, as UTF-8 text (at most <see cref="ExecOptions.MaxBuffer"/> bytes of it).</summary>
    public string Stderr { get; }
}
