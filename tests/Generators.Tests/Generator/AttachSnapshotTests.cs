using Loopwire.Generators.Tests.Infrastructure;

namespace Loopwire.Generators.Tests.Generator;

/// <summary>The generated <c>Attach</c> methods, pinned as reviewed snapshots (Snapshots/*.Attach.g.cs).</summary>
public sealed class AttachSnapshotTests
{
    [Fact]
    public Task Every_callback_kind_and_two_emitters() =>
        GeneratorVerifier.VerifySnapshotsAsync(
            [
                SnapshotTests.ServerSource,
                SnapshotTests.ThermometerSource,
                """
                using System;
                using System.Runtime.InteropServices;
                using System.Threading.Tasks;
                using Loopwire;

                namespace Demo.Net;

                public partial class Metrics
                {
                    [OnInterval(1000)] void Flush() { }
                    [OnPrepare] void BeforePoll() { }
                    [OnIdle] void WhenIdle() { }
                    [OnCheck] void AfterPoll() { }
                    [OnSignal(PosixSignal.SIGINT)] void Interrupted() { }
                    [OnSignal((PosixSignal)10)] void UserSignal() { }
                    [OnEvent<Server>("connection")] void Accept(string socket) { }
                    [OnEvent<Server>("data_received")] Task Receive(ReadOnlyMemory<byte> chunk) => Task.CompletedTask;
                    [OnEvent<Thermometer>("reading")] void Read(double celsius, DateTimeOffset at) { }
                }
                """,
            ],
            "Demo.Net.Server.g.cs",
            "Thermometer.g.cs",
            "Demo.Net.Metrics.Attach.g.cs");

    [Fact]
    public Task Generic_class_nested_in_a_generic_type_in_the_global_namespace() =>
        GeneratorVerifier.VerifySnapshotsAsync(
            """
            using Loopwire;

            public partial class Outer<TKey>
                where TKey : notnull
            {
                internal partial class Cache<TValue>
                    where TValue : class, new()
                {
                    [OnCheck] void Sweep() { }
                }
            }
            """,
            "Outer`1+Cache`1.Attach.g.cs");
}
