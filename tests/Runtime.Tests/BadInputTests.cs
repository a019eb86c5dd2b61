using System.Text;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>Bad input gets a precise exception and leaves the loop consistent.</summary>
public sealed class BadInputTests
{
    private static readonly Dictionary<string, (Action<EventLoop> Call, string Parameter)> NullArguments = new()
    {
        ["SetTimeout(Action)"] = (loop => loop.SetTimeout(null!, 1), "callback"),
        ["SetTimeout(Action, TimeSpan)"] = (loop => loop.SetTimeout(null!, TimeSpan.FromMilliseconds(1)), "callback"),
        ["SetTimeout(Action<T>)"] = (loop => loop.SetTimeout<int>(null!, 0, 1), "callback"),
        ["SetInterval(Action)"] = (loop => loop.SetInterval(null!, 1), "callback"),
        ["SetInterval(Action<T>, TimeSpan)"] = (loop => loop.SetInterval<string>(null!, "", TimeSpan.FromMilliseconds(1)), "callback"),
        ["SetImmediate(Action)"] = (loop => loop.SetImmediate(null!), "callback"),
        ["SetImmediate(Action<T>)"] = (loop => loop.SetImmediate<int>(null!, 0), "callback"),
        ["NextTick(Action)"] = (loop => loop.NextTick(null!), "callback"),
        ["NextTick(Action<T>)"] = (loop => loop.NextTick<string>(null!, ""), "callback"),
        ["QueueMicrotask(Action)"] = (loop => loop.QueueMicrotask(null!), "callback"),
        ["QueueMicrotask(Action<T>)"] = (loop => loop.QueueMicrotask<int>(null!, 0), "callback"),
        ["Post(Action)"] = (loop => loop.Post(null!), "callback"),
        ["Post(Action<T>)"] = (loop => loop.Post<int>(null!, 0), "callback"),
        ["QueueWork(work)"] = (loop => loop.QueueWork(null!, _ => { }), "work"),
        ["QueueWork(afterWork)"] = (loop => loop.QueueWork(() => { }, null!), "afterWork"),
        ["QueueWork<T>(work)"] = (loop => loop.QueueWork<int>(null!, (_, _) => { }), "work"),
        ["QueueWork<T>(afterWork)"] = (loop => loop.QueueWork(() => 1, null!), "afterWork"),
        ["QueueWorkAsync(Action)"] = (loop => loop.QueueWorkAsync((Action)null!), "work"),
        ["QueueWorkAsync(Func<T>)"] = (loop => loop.QueueWorkAsync((Func<int>)null!), "work"),
        ["QueueWorkAsync(Func<TState, T>)"] = (loop => loop.QueueWorkAsync<int, int>(null!, 0), "work"),
        ["new AsyncHandle(loop)"] = (_ => new AsyncHandle(null!, () => { }), "loop"),
        ["new AsyncHandle(callback)"] = (loop => new AsyncHandle(loop, null!), "callback"),
        ["new IdleHandle"] = (_ => new IdleHandle(null!), "loop"),
        ["new PrepareHandle"] = (_ => new PrepareHandle(null!), "loop"),
        ["new CheckHandle"] = (_ => new CheckHandle(null!), "loop"),
        ["PhaseHandle.Start(Action)"] = (loop => new CheckHandle(loop).Start(null!), "callback"),
        ["PhaseHandle.Start(Action<T>)"] = (loop => new IdleHandle(loop).Start<int>(null!, 0), "callback"),
        ["new EventLoop"] = (_ => new EventLoop(null!), "options"),
        ["RunMain(Action)"] = (_ => EventLoop.RunMain((Action<EventLoop>)null!), "main"),
        ["RunMain(Func<Task>)"] = (_ => EventLoop.RunMain((Func<EventLoop, Task>)null!), "main"),
        ["Fs.ReadFile(path)"] = (loop => loop.Fs.ReadFile(null!, (_, _) => { }), "path"),
        ["Fs.ReadFile(callback)"] = (loop => loop.Fs.ReadFile("file", null!), "callback"),
        ["Fs.ReadFile(encoding)"] = (loop => loop.Fs.ReadFile("file", null!, (_, _) => { }), "encoding"),
        ["Fs.ReadFile(text callback)"] = (loop => loop.Fs.ReadFile("file", Encoding.UTF8, null!), "callback"),
        ["Fs.WriteFile(path)"] = (loop => loop.Fs.WriteFile(null!, "text", _ => { }), "path"),
        ["Fs.WriteFile(text)"] = (loop => loop.Fs.WriteFile("file", (string)null!, _ => { }), "text"),
        ["Fs.WriteFile(callback)"] = (loop => loop.Fs.WriteFile("file", "text", null!), "callback"),
        ["Fs.WriteFile(bytes callback)"] = (loop => loop.Fs.WriteFile("file", new byte[1], null!), "callback"),
        ["Fs.Stat(path)"] = (loop => loop.Fs.Stat(null!, (_, _) => { }), "path"),
        ["Fs.Stat(callback)"] = (loop => loop.Fs.Stat("file", null!), "callback"),
        ["Fs.ReadFileAsync"] = (loop => loop.Fs.ReadFileAsync(null!), "path"),
        ["Fs.ReadTextFileAsync"] = (loop => loop.Fs.ReadTextFileAsync(null!), "path"),
        ["Fs.WriteFileAsync(path)"] = (loop => loop.Fs.WriteFileAsync(null!, "text"), "path"),
        ["Fs.WriteFileAsync(text)"] = (loop => loop.Fs.WriteFileAsync("file", (string)null!), "text"),
        ["Fs.StatAsync"] = (loop => loop.Fs.StatAsync(null!), "path"),
    };

    public static TheoryData<string> NullArgumentCases => new(NullArguments.Keys);

    public static TheoryData<double> DelaysClampedToOne => new()
    {
        0, -1, -0.5, 0.5, 0.999, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 2147483648.0, 1e300, double.MinValue,
    };

    [Theory]
    [MemberData(nameof(NullArgumentCases))]
    public void Null_argument_throws_ArgumentNullException_naming_the_parameter(string call)
    {
        // L1: the failed call scheduled nothing.
        using var loop = new EventLoop();
        (Action<EventLoop> act, string parameter) = NullArguments[call];

        var error = Assert.Throws<ArgumentNullException>(() => act(loop));

        Assert.Equal(parameter, error.ParamName);
        Assert.False(loop.IsAlive);
        Assert.False(loop.Run());
    }

    [Theory]
    [MemberData(nameof(DelaysClampedToOne))]
    public void Delays_below_one_not_finite_or_too_large_become_one_millisecond(double milliseconds)
    {
        // N5: clamped, not thrown.
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        int fired = 0;
        Timer timeout = loop.SetTimeout(() => fired++, milliseconds);
        Timer interval = loop.SetInterval(static (counter) => counter.Add(1), new List<int>(), milliseconds);

        Assert.Equal(1, timeout.Delay);
        Assert.Equal(1, interval.Delay);
        Assert.Equal(1, interval.Repeat);

        clock.Advance(1);
        loop.Run(RunMode.NoWait);
        Assert.Equal(1, fired);
        interval.Close();
        Assert.False(loop.Run());
    }

    [Fact]
    public void TimeSpan_delays_out_of_range_become_one_millisecond()
    {
        // N5
        using EventLoop loop = Loops.WithClock(out _);

        Assert.Equal(1, loop.SetTimeout(() => { }, TimeSpan.MaxValue).Delay);
        Assert.Equal(1, loop.SetTimeout(() => { }, TimeSpan.FromMilliseconds(-5)).Delay);
        Assert.Equal(1, loop.SetInterval(() => { }, TimeSpan.Zero).Delay);
        Assert.Equal(1, loop.SetInterval(static (_) => { }, 0, TimeSpan.MinValue).Delay);
    }

    [Fact]
    public void Using_a_closed_handle_throws_ObjectDisposedException()
    {
        // L10
        using EventLoop loop = Loops.WithClock(out _);
        var check = new CheckHandle(loop);
        Timer timer = loop.SetTimeout(() => { }, 5);
        check.Close();
        loop.ClearTimeout(timer);

        Assert.Throws<ObjectDisposedException>(() => check.Start(() => { }));
        Assert.Throws<ObjectDisposedException>(() => check.Start(static (_) => { }, 0));
        Assert.Throws<ObjectDisposedException>(() => timer.Refresh());
        Assert.False(check.IsActive);
        Assert.False(timer.IsActive);
        Assert.False(loop.Run());
    }

    [Fact]
    public void Closing_twice_throws_InvalidOperationException_and_Dispose_twice_is_fine()
    {
        // L10
        using var loop = new EventLoop();
        var idle = new IdleHandle(loop);
        var prepare = new PrepareHandle(loop);
        idle.Close();
        prepare.Dispose();

        Assert.Throws<InvalidOperationException>(() => idle.Close());
        Assert.Throws<InvalidOperationException>(() => prepare.Close());
        idle.Dispose();
        prepare.Dispose();
        Assert.False(loop.Run());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1025)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Pool_size_out_of_range_throws_ArgumentOutOfRangeException(int size)
    {
        // L12: 1 to 1024.
        var options = new EventLoopOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.ThreadPoolSize = size);
        Assert.Throws<ArgumentOutOfRangeException>("size", () => new WorkPool(size));
        Assert.Null(options.ThreadPoolSize);
    }

    [Fact]
    public void Run_inside_Run_throws_and_the_outer_Run_carries_on()
    {
        // L13: Run is not re-entrant.
        using var loop = new EventLoop();
        var log = new List<string>();
        Exception? nested = null;
        loop.SetImmediate(() => nested = Record.Exception(() => loop.Run(RunMode.NoWait)));
        loop.SetImmediate(() => log.Add("next immediate"));

        Assert.False(loop.Run());

        var error = Assert.IsType<InvalidOperationException>(nested);
        Assert.Contains("not re-entrant", error.Message);
        Assert.Equal(["next immediate"], log);
    }

    [Fact]
    public void Run_after_Dispose_throws_ObjectDisposedException()
    {
        // L13: a disposed loop cannot run again.
        var loop = new EventLoop();
        loop.Dispose();

        Assert.Throws<ObjectDisposedException>(() => loop.Run());
    }

    [Fact]
    public void Main_returning_a_null_task_is_an_uncaught_error()
    {
        // N8: a clear message, exit code 1.
        Assert.Equal(1, EventLoop.RunMain(_ => null!));
    }
}
