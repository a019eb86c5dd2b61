using Loopwire;

namespace Loopwire.Samples.EventEmitter;

/// <summary>The two events of the seed's example, declared once and checked at compile time.</summary>
[EventEmitter]
public partial class ConnectionEvents
{
    /// <summary>Emits <c>connection</c>.</summary>
    public void RaiseConnection() => Connection();

    /// <summary>Emits <c>data_received</c>.</summary>
    public void RaiseDataReceived() => DataReceived();

    [Event]
    private partial void Connection();

    [Event("data_received")]
    private partial void DataReceived();
}
