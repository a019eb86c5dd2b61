namespace Loopwire.Processes;

/// <summary>What a child process's stdin, stdout or stderr is connected to: Node's <c>stdio</c> option values.</summary>
public enum StdioMode
{
    /// <summary>A pipe to this process: <see cref="ChildProcess.Stdin"/>, <see cref="ChildProcess.Stdout"/> or <see cref="ChildProcess.Stderr"/> (Node's <c>'pipe'</c>, the default).</summary>
    Pipe,

    /// <summary>This process's own stream, shared with the child (Node's <c>'inherit'</c>).</summary>
    Inherit,

    /// <summary>
    /// Nothing the caller sees (Node's <c>'ignore'</c>). .NET cannot connect a child to the null device, so the child
    /// gets a pipe all the same: an ignored stdin is closed at once (the child reads end-of-file), ignored output is
    /// read and discarded off the loop (the child's writes succeed and never block).
    /// </summary>
    Ignore,
}
