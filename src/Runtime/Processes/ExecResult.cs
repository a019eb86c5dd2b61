namespace Loopwire.Processes;

/// <summary>What a successful <see cref="ChildProcess.ExecAsync"/> or <see cref="ChildProcess.ExecFileAsync"/> printed, as Node's promisified <c>exec</c> resolves <c>{ stdout, stderr }</c>.</summary>
/// <param name="Stdout">The child's stdout, as UTF-8 text.</param>
/// <param name="Stderr">The child's stderr, as UTF-8 text.</param>
public readonly record struct ExecResult(string Stdout, string Stderr);
