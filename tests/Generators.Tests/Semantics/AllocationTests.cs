using Loopwire.Generators.Tests.Semantics.Emitters;
using Loopwire.Generators.Tests.Semantics.Wired;

namespace Loopwire.Generators.Tests.Semantics;

/// <summary>
/// Emitting allocates nothing (E1: emit iterates a snapshot, changes are copy-on-write into a reused buffer),
/// measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> after a warm-up.
/// </summary>
public sealed class AllocationTests
{
    private const int Emits = 10_000;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public void Emitting_to_an_unchanged_set_allocates_nothing(int listeners)
    {
        // E1
        var server = new Server();
        var sum = 0;
        for (var i = 0; i < listeners; i++)
        {
            server.On.Data((a, b) => sum += a + b);
        }

        var allocated = Measure(() => server.Data(1, 2));

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Emits_whose_listeners_remove_and_re_add_others_allocate_nothing()
    {
        // E1: a listener unsubscribing another during the emit
        var server = new Server();
        var calls = 0;
        Action<int, int> victim = (_, _) => calls++;
        server.On.Data((_, _) =>
        {
            server.Off.Data(victim);
            server.On.Data(victim);
        }).On.Data(victim);

        var allocated = Measure(() => server.Data(1, 2));

        Assert.Equal(0, allocated);
        Assert.True(calls > 0);
    }

    [Fact]
    public void Emits_that_run_once_listeners_allocate_nothing_beyond_registering_them()
    {
        // E1, E5: the once listeners are registered before measuring; firing and removing them is free
        var servers = new Server[Emits];
        var calls = 0;
        Action<int, int> listener = (_, _) => calls++;
        for (var i = 0; i < servers.Length; i++)
        {
            servers[i] = new Server();
            servers[i].On.Data(listener).Once.Data(listener).On.Data(listener);
        }

        servers[0].Data(1, 2);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < servers.Length; i++)
        {
            servers[i].Data(1, 2);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal((3 * 1) + (2 * (Emits - 1)) + Emits - 1, calls);
    }

    [Fact]
    public void Emitting_memory_payloads_and_events_without_payload_allocates_nothing()
    {
        // E1
        var emitter = new Arities();
        var total = 0;
        emitter.On.Chunk(chunk => total += chunk.Length).On.Zero(() => total++).On.Eight((a, _, _, _, _, _, _, h) => total += a + h);
        ReadOnlyMemory<byte> payload = new byte[16];

        var allocated = Measure(() =>
        {
            emitter.Chunk(payload);
            emitter.Zero();
            emitter.Eight(1, 2, 3, 4, 5, 6, 7, 8);
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Callbacks_wired_by_Attach_allocate_nothing_per_call()
    {
        // L9: phase callbacks are static lambdas with the instance as state; the handler is a plain listener (E1)
        using var loop = new EventLoop();
        var counter = new PhaseCounter();
        var server = new Server();
        using var registration = loop.Attach(counter, server);

        var allocated = Measure(() =>
        {
            loop.Run(RunMode.NoWait);
            server.Data(1, 2);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(6 * (1_000 + Emits), counter.Calls);
    }

    private static long Measure(Action emit)
    {
        for (var i = 0; i < 1_000; i++)
        {
            emit();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Emits; i++)
        {
            emit();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
