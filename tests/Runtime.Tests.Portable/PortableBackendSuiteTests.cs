namespace Loopwire.Tests;

/// <summary>That this suite does run on the portable backend: otherwise it would repeat the epoll run unnoticed.</summary>
public sealed class PortableBackendSuiteTests
{
    [Fact]
    public void Loops_made_with_the_default_options_use_the_portable_backend()
    {
        using var loop = new EventLoop();

        Assert.Equal(PollBackend.Portable, loop.PollBackend);
    }
}
