using System.Runtime.InteropServices;

namespace Loopwire.Samples.Heartbeat;

/// <summary>
/// Everything this class does on the loop is declared by attributes; <c>loop.Attach(concierge, door)</c>, generated at
/// compile time, starts the interval and the signal handle and subscribes to the door.
/// </summary>
public sealed partial class Concierge
{
    private int _visitors;
    private int _beats;

    /// <summary>What Attach wired; the concierge disposes it to stop, which lets the loop end.</summary>
    public LoopRegistration? Registration { get; set; }

    [OnEvent<Door>("opened")]
    private void Greet(string visitor)
    {
        _visitors++;
        Console.WriteLine($"welcome, {visitor}");
    }

    [OnInterval(10)]
    private void Beat()
    {
        _beats++;
        Console.WriteLine($"heartbeat {_beats}: {_visitors} visitors");
        if (_beats == 3)
        {
            Console.WriteLine("done");
            Registration?.Dispose();
        }
    }

    [OnSignal(PosixSignal.SIGINT)]
    private void Interrupted()
    {
        Console.WriteLine("interrupted");
        Registration?.Dispose();
    }
}
