using Loopwire.Internal;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Choosing the poll backend (DESIGN "Poll backends"): epoll on Linux by default, the portable one elsewhere, either
/// forced by options or by <c>LOOPWIRE_POLL_BACKEND</c>. Both backends run the whole runtime suite: this assembly on
/// the default, Loopwire.Runtime.Tests.Portable on the portable one.
/// </summary>
public sealed class PollBackendTests
{
    [Fact]
    public void The_default_is_epoll_on_Linux_and_portable_elsewhere()
    {
        PollBackend expected = OperatingSystem.IsLinux() ? PollBackend.Epoll : PollBackend.Portable;

        Assert.Equal(expected, PollBackends.Resolve(PollBackend.Default, environmentValue: null));
        Assert.Equal(expected, PollBackends.Resolve(PollBackend.Default, environmentValue: ""));
    }

    [Fact]
    public void The_environment_variable_overrides_the_default_whatever_its_case()
    {
        Assert.Equal(PollBackend.Portable, PollBackends.Resolve(PollBackend.Default, "Portable"));
    }

    [Fact]
    public void Options_override_the_environment_variable()
    {
        Assert.Equal(PollBackend.Portable, PollBackends.Resolve(PollBackend.Portable, "epoll"));
    }

    [Fact]
    public void An_unknown_environment_value_is_an_error_naming_the_variable_and_the_values_it_takes()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PollBackends.Resolve(PollBackend.Default, "kqueue"));

        Assert.Equal(
            "LOOPWIRE_POLL_BACKEND is 'kqueue': set it to 'epoll' (Linux only) or 'portable', or unset it for the system's default.",
            error.Message);
    }

    [Fact]
    public void An_undefined_backend_in_options_is_rejected_with_the_values_it_takes()
    {
        var options = new EventLoopOptions();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.PollBackend = (PollBackend)7);

        Assert.StartsWith("PollBackend must be Default, Epoll or Portable.", error.Message);
    }

    [Fact]
    public void A_loop_reports_the_backend_it_was_forced_to_use()
    {
        using var portable = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Portable });

        Assert.Equal(PollBackend.Portable, portable.PollBackend);
    }

    [LinuxFact("epoll is Linux's")]
    public void Epoll_can_be_forced_on_Linux_whatever_the_environment_says()
    {
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });

        Assert.Equal(PollBackend.Epoll, loop.PollBackend);
        Assert.NotNull(loop.Epoll);
    }
}
