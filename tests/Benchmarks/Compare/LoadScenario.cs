namespace Loopwire.Benchmarks.Compare;

/// <summary>
/// A scenario measured from outside: servers started as processes and loaded by an external tool, so it cannot run
/// in this process as a <see cref="CompareScenario"/> does. It measures both sides itself and returns its report line.
/// </summary>
public abstract class LoadScenario
{
    /// <summary>The scenario's name on the command line and in the BENCH line, e.g. "http".</summary>
    public abstract string Name { get; }

    /// <summary>Measures both sides and returns one line: <c>BENCH …</c>, or <c>SKIP …</c> with the reason.</summary>
    public abstract string Report();
}
