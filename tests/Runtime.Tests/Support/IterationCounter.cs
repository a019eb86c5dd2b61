namespace Loopwire.Tests.Support;

/// <summary>Numbers the loop's iterations: <see cref="Current"/> moves on in each check phase, right after the poll.</summary>
internal sealed class IterationCounter : IDisposable
{
    private readonly CheckHandle _check;

    public IterationCounter(EventLoop loop)
    {
        _check = new CheckHandle(loop);
        _check.Start(() => Current++);
        _check.Unref();
    }

    public long Current { get; private set; }

    public void Dispose() => _check.Dispose();
}
