using Loopwire.Generators.Tests.Infrastructure;

namespace Loopwire.Generators.Tests.Generator;

/// <summary>The generated source, pinned as reviewed snapshots (Snapshots/*.g.cs).</summary>
public sealed class SnapshotTests
{
    /// <summary>An emitter in a block namespace with an error event; the wiring snapshots reuse it.</summary>
    internal const string ServerSource =
        """
        using System;
        using Loopwire;

        namespace Demo.Net
        {
            [EventEmitter]
            public partial class Server
            {
                [Event] partial void Connection(string socket);
                [Event] public partial bool Error(Exception error);
                [Event("data_received")] internal partial void DataReceived(ReadOnlyMemory<byte> chunk);
            }
        }
        """;

    /// <summary>A record emitter in the global namespace; the wiring snapshots reuse it.</summary>
    internal const string ThermometerSource =
        """
        using Loopwire;

        [EventEmitter]
        public partial record Thermometer(string Name)
        {
            [Event("reading")] public partial bool Read(double celsius, System.DateTimeOffset at);
        }
        """;

    [Fact]
    public Task Emitter_in_a_block_namespace_with_an_error_event() =>
        GeneratorVerifier.VerifySnapshotsAsync(
            ServerSource,
            "Demo.Net.Server.g.cs");

    [Fact]
    public Task Generic_emitter_nested_in_a_file_scoped_namespace() =>
        GeneratorVerifier.VerifySnapshotsAsync(
            """
            using Loopwire;

            namespace Demo.Collections;

            public partial class Outer<TKey>
            {
                [EventEmitter]
                internal partial class Store<TValue>
                    where TValue : struct
                {
                    [Event] public partial void Changed(TKey key, TValue value, TValue? previous);
                    [Event] public partial void Cleared();
                }
            }
            """,
            "Demo.Collections.Outer`1+Store`1.g.cs");

    [Fact]
    public Task Record_emitter_in_the_global_namespace() =>
        GeneratorVerifier.VerifySnapshotsAsync(
            ThermometerSource,
            "Thermometer.g.cs");
}
