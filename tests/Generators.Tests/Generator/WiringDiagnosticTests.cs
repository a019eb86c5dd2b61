using Loopwire.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Loopwire.Generators.Tests.Generator;

/// <summary>One test per LW3nnn diagnostic of the loop-callback wiring, each at the location it must point to; valid shapes report nothing.</summary>
public sealed class WiringDiagnosticTests
{
    private const string Emitter =
        """

        [Loopwire.EventEmitter]
        public partial class Server
        {
            [Loopwire.Event] public partial void Connection(string socket);
            [Loopwire.Event("data_received")] public partial void DataReceived(System.ReadOnlyMemory<byte> chunk);
            [Loopwire.Event] public partial void Closed();
        }
        """;

    [Fact]
    public Task Valid_declarations_report_nothing() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        using System.Threading.Tasks;
        using Loopwire;

        public partial class Metrics
        {
            [OnInterval(1)] void Flush() { }
            [OnCheck, OnIdle] public void Both() { }
            [OnSignal(System.Runtime.InteropServices.PosixSignal.SIGTERM)] internal void Terminated() { }
            [OnEvent<Server>("connection")] void Accept(string socket) { }
            [OnEvent<Server>("connection"), OnEvent<Server>("connection")] Task AcceptTwice(string socket) => Task.CompletedTask;
            [OnEvent<Server>("data_received")] void Receive(System.ReadOnlyMemory<byte> chunk) { }
            [OnEvent<Server>("closed")] protected virtual void Closed() { }
        }

        public partial class Outer
        {
            protected internal partial class Inner
            {
                [OnPrepare] void BeforePoll() { }
            }
        }
        """ + Emitter);

    [Fact]
    public Task LW3001_class_or_containing_type_not_partial() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public class {|LW3001:Metrics|}
        {
            [Loopwire.OnCheck] void AfterPoll() { }
        }

        public class {|LW3001:Outer|}
        {
            public partial class Inner
            {
                [Loopwire.OnIdle] void WhenIdle() { }
            }
        }
        """);

    [Fact]
    public Task LW3002_static_struct_or_file_local() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public static partial class {|LW3002:Hub|}
        {
            [Loopwire.OnCheck] static void AfterPoll() { }
        }

        public partial struct {|LW3002:Point|}
        {
            [Loopwire.OnCheck] void AfterPoll() { }
        }

        file partial class {|LW3002:Local|}
        {
            [Loopwire.OnCheck] void AfterPoll() { }
        }

        public partial interface {|#0:IProbe|}
        {
            [Loopwire.OnCheck] void AfterPoll() { }
        }
        """,
        new DiagnosticResult("LW3002", DiagnosticSeverity.Error).WithLocation(0).WithArguments("IProbe", "an interface"));

    [Fact]
    public Task LW3003_static_generic_or_local_function() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public partial class Metrics
        {
            [Loopwire.OnCheck] static void {|LW3003:Shared|}() { }
            [Loopwire.OnIdle] void {|LW3003:Generic|}<T>() { }

            void Method()
            {
                [Loopwire.OnPrepare] void {|LW3003:Local|}() { }
                Local();
            }
        }
        """);

    [Fact]
    public Task LW3004_phase_callback_with_parameters_or_a_result() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public partial class Metrics
        {
            [Loopwire.OnCheck] void {|LW3004:AfterPoll|}(int iteration) { }
            [Loopwire.OnInterval(10)] int {|LW3004:Flush|}() => 0;
            [Loopwire.OnSignal(System.Runtime.InteropServices.PosixSignal.SIGHUP)] System.Threading.Tasks.Task {|LW3004:Reload|}() => null!;
        }
        """);

    [Fact]
    public Task LW3005_interval_below_one_millisecond() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public partial class Metrics
        {
            [Loopwire.OnInterval({|LW3005:0|})] void Flush() { }
            [Loopwire.OnInterval({|LW3005:-5|})] void Sample() { }
        }
        """);

    [Fact]
    public Task LW3006_unknown_event() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public partial class Metrics
        {
            [Loopwire.OnEvent<Server>({|LW3006:"Connection"|})] void Accept(string socket) { }
            [Loopwire.OnEvent<Server>({|LW3006:"dataReceived"|})] void Receive(System.ReadOnlyMemory<byte> chunk) { }
        }
        """ + Emitter);

    [Fact]
    public Task LW3007_handler_that_does_not_match_the_payload() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public partial class Metrics
        {
            [Loopwire.OnEvent<Server>("connection")] void {|LW3007:NoArgument|}() { }
            [Loopwire.OnEvent<Server>("connection")] void {|LW3007:WrongType|}(object socket) { }
            [Loopwire.OnEvent<Server>("connection")] void {|LW3007:ByReference|}(ref string socket) { }
            [Loopwire.OnEvent<Server>("closed")] bool {|LW3007:WithResult|}() => true;
            [Loopwire.OnEvent<Server>("closed")] System.Threading.Tasks.ValueTask {|LW3007:WithValueTask|}() => default;
        }
        """ + Emitter);

    [Fact]
    public Task LW3008_type_that_is_not_an_emitter() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public partial class Metrics
        {
            [{|LW3008:Loopwire.OnEvent<Plain>("connection")|}] void Accept(string socket) { }
            [{|LW3008:Loopwire.OnEvent<Loopwire.EventEmitter>("connection")|}] void Dynamic(object[] args) { }
        }

        public class Plain { }
        """);

    [Fact]
    public Task LW3009_private_class_or_emitter() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public partial class Outer
        {
            private partial class {|LW3009:Hidden|}
            {
                [Loopwire.OnCheck] void AfterPoll() { }
            }

            [Loopwire.EventEmitter]
            protected partial class Bell
            {
                [Loopwire.Event] public partial void Rang();
            }

            internal partial class Listener
            {
                [{|LW3009:Loopwire.OnEvent<Bell>("rang")|}] void Rang() { }
            }
        }
        """);

    [Fact]
    public Task LW3010_callbacks_in_a_class_and_its_base() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public partial class Metrics
        {
            [Loopwire.OnCheck] void AfterPoll() { }
        }

        public partial class {|LW3010:DetailedMetrics|} : Metrics
        {
            [Loopwire.OnIdle] void WhenIdle() { }
        }
        """);

    [Fact]
    public Task LW3011_member_with_the_generated_prefix() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public partial class Metrics
        {
            [Loopwire.OnCheck] void AfterPoll() { }
            void {|LW3011:__LoopwireAttach|}() { }
        }
        """);
}
