// Loop callbacks wired by attributes (Concierge.cs), and the same program in Node beside it (heartbeat.js).
using Loopwire;
using Loopwire.Samples.Heartbeat;

return EventLoop.RunMain(loop =>
{
    var door = new Door();
    var concierge = new Concierge();
    concierge.Registration = loop.Attach(concierge, door);

    door.Opened("alice");
    door.Opened("bob");
    loop.NextTick(() => door.Opened("carol"));
});
