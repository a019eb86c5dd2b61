using System.Runtime.CompilerServices;

namespace Loopwire.Tests;

/// <summary>
/// Puts this test assembly on the portable poll backend before any test runs: every loop made with
/// <see cref="PollBackend.Default"/>, and every sample the tests start as a child process, reads the variable.
/// </summary>
internal static class PortableBackendSuite
{
    [ModuleInitializer]
    internal static void UsePortableBackend() => Environment.SetEnvironmentVariable("LOOPWIRE_POLL_BACKEND", "portable");
}
