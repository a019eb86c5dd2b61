using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>LoopRegistration, what a generated Attach returns: it closes its handles and runs its detachments once (L1, L2, L10).</summary>
public sealed class LoopRegistrationTests
{
    [Fact]
    public void Dispose_closes_every_handle_and_runs_every_detachment_once()
    {
        // L10: handles close in the close phase; L1: then nothing keeps the loop alive
        using var loop = new EventLoop();
        var registration = new LoopRegistration(loop);
        var check = registration.Track(new CheckHandle(loop));
        check.Start(() => { });
        var timer = registration.Track(loop.SetInterval(() => { }, 10));
        var detached = 0;
        registration.Track(() => detached++);

        registration.Dispose();
        registration.Dispose();

        Assert.True(registration.IsDisposed);
        Assert.Equal(1, detached);
        Assert.True(check.IsClosing);
        Assert.True(timer.IsClosing);
        loop.Run();
        Assert.True(check.IsClosed);
        Assert.True(timer.IsClosed);
        Assert.False(loop.IsAlive);
    }

    [Fact]
    public void Unref_and_Ref_apply_to_every_handle()
    {
        // L2
        using var loop = new EventLoop();
        var registration = new LoopRegistration(loop);
        registration.Track(new IdleHandle(loop)).Start(() => { });
        registration.Track(loop.SetTimeout(() => { }, 1000));

        Assert.Same(registration, registration.Unref());
        Assert.False(loop.IsAlive);
        Assert.All(registration.Handles, handle => Assert.False(handle.HasRef));

        Assert.Same(registration, registration.Ref());
        Assert.True(loop.IsAlive);
        registration.Dispose();
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_precise_error()
    {
        using var loop = new EventLoop();
        using var other = new EventLoop();
        var registration = new LoopRegistration(loop);

        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => new LoopRegistration(null!)).ParamName);
        Assert.Equal("handle", Assert.Throws<ArgumentNullException>(() => registration.Track((Handle)null!)).ParamName);
        Assert.Equal("detach", Assert.Throws<ArgumentNullException>(() => registration.Track((Action)null!)).ParamName);
        var foreign = Assert.Throws<ArgumentException>(() => registration.Track(new CheckHandle(other)));
        Assert.Contains("another loop", foreign.Message);

        registration.Dispose();
        Assert.Throws<ObjectDisposedException>(() => registration.Track(() => { }));
        Assert.Throws<ObjectDisposedException>(() => registration.Track(new CheckHandle(loop)));
    }

    [Fact]
    public void Dispose_from_another_thread_throws_and_leaves_everything_wired()
    {
        using var loop = new EventLoop();
        var registration = new LoopRegistration(loop);
        var check = registration.Track(new CheckHandle(loop));
        check.Start(() => { });

        Exception? offLoop = Threads.OnAnotherThread(registration.Dispose);

        Assert.IsType<InvalidOperationException>(offLoop);
        Assert.False(registration.IsDisposed);
        Assert.True(check.IsActive);
        registration.Dispose();
    }
}
