namespace Loopwire.Generators.Tests.Semantics.Wired;

/// <summary>A class with one interval callback, which may end its own registration.</summary>
public sealed partial class Ticker
{
    public int Ticks { get; private set; }

    public Action<Ticker>? OnTick { get; set; }

    [OnInterval(1)]
    private void Tick()
    {
        Ticks++;
        OnTick?.Invoke(this);
    }
}
