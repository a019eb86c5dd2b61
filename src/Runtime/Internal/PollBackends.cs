using System.Runtime.InteropServices;
using Loopwire.Internal.Linux;

namespace Loopwire.Internal;

/// <summary>Picks and creates a loop's <see cref="IPollBackend"/>.</summary>
internal static class PollBackends
{
    /// <summary>Overrides <see cref="PollBackend.Default"/>: <c>epoll</c> or <c>portable</c>.</summary>
    public const string EnvironmentVariable = "LOOPWIRE_POLL_BACKEND";

    /// <summary>The backend <paramref name="requested"/> stands for on this system and in this process's environment.</summary>
    /// <exception cref="InvalidOperationException">The environment variable holds something else than <c>epoll</c> or <c>portable</c>.</exception>
    /// <exception cref="PlatformNotSupportedException">Epoll was asked for off Linux.</exception>
    public static PollBackend Resolve(PollBackend requested) =>
        Resolve(requested, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The backend <paramref name="requested"/> stands for on this system, given the variable's <paramref name="environmentValue"/>.</summary>
    public static PollBackend Resolve(PollBackend requested, string? environmentValue)
    {
        if (requested == PollBackend.Default)
        {
            requested = environmentValue?.ToLowerInvariant() switch
            {
                null or "" => OperatingSystem.IsLinux() ? PollBackend.Epoll : PollBackend.Portable,
                "epoll" => PollBackend.Epoll,
                "portable" => PollBackend.Portable,
                string other => throw new InvalidOperationException(
                    $"{EnvironmentVariable} is '{other}': set it to 'epoll' (Linux only) or 'portable', or unset it for the system's default."),
            };
        }

        if (requested == PollBackend.Epoll && !OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException(
                $"The epoll poll backend needs Linux; on {RuntimeInformation.OSDescription} use PollBackend.Portable or PollBackend.Default.");
        }

        return requested;
    }

    /// <summary>A new backend of the kind <see cref="Resolve(PollBackend)"/> returned.</summary>
    /// <param name="backend"><see cref="PollBackend.Epoll"/> or <see cref="PollBackend.Portable"/>.</param>
    /// <param name="hasWork">Whether the inbox has work: a backend about to sleep checks it after announcing so.</param>
    public static IPollBackend Create(PollBackend backend, Func<bool> hasWork) =>
        backend == PollBackend.Epoll ? new EpollBackend(hasWork) : new PortableBackend(hasWork);
}
