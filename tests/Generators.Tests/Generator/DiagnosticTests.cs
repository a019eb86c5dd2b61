using Loopwire.Generators.Tests.Infrastructure;

namespace Loopwire.Generators.Tests.Generator;

/// <summary>One test per LW2nnn diagnostic, each at the location it must point to; valid shapes report nothing.</summary>
public sealed class DiagnosticTests
{
    [Fact]
    public Task LW2001_class_not_partial() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        [Loopwire.EventEmitter]
        public class {|LW2001:Server|}
        {
            [Loopwire.Event] partial void Connection();
        }
        """);

    [Fact]
    public Task LW2001_containing_type_not_partial() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public class {|LW2001:Outer|}
        {
            [Loopwire.EventEmitter]
            public partial class Server
            {
                [Loopwire.Event] partial void Connection();
            }
        }
        """);

    [Fact]
    public Task LW2002_static_struct_or_file_local() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        [Loopwire.EventEmitter]
        public static partial class {|LW2002:Hub|}
        {
        }

        [Loopwire.EventEmitter]
        public partial struct {|LW2002:Point|}
        {
        }

        [Loopwire.EventEmitter]
        file partial class {|LW2002:Local|}
        {
        }
        """);

    [Fact]
    public Task LW2003_event_with_a_body_or_not_partial() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        [Loopwire.EventEmitter]
        public partial class Server
        {
            [Loopwire.Event] void {|LW2003:Connection|}() { }
            [Loopwire.Event] public partial void {|LW2003:Closed|}();
            public partial void Closed() { }
            [Loopwire.Event] public extern partial void {|LW2003:Stopped|}();
        }
        """);

    [Fact]
    public Task LW2004_generic_event() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        [Loopwire.EventEmitter]
        public partial class Server
        {
            [Loopwire.Event] partial void {|LW2004:Message|}<T>(T payload);
        }
        """);

    [Fact]
    public Task LW2005_by_reference_parameters() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        [Loopwire.EventEmitter]
        public partial class Server
        {
            [Loopwire.Event] partial void Data(ref int {|LW2005:a|}, in int {|LW2005:b|});
            [Loopwire.Event] partial void Result(out int {|LW2005:value|});
        }
        """);

    [Fact]
    public Task LW2006_ref_struct_or_pointer_payload() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        [Loopwire.EventEmitter]
        public unsafe partial class Server
        {
            [Loopwire.Event] partial void Data(System.ReadOnlySpan<byte> {|LW2006:chunk|});
            [Loopwire.Event] partial void Raw(byte* {|LW2006:pointer|});
            [Loopwire.Event] partial void {|LW2006:Variadic|}(__arglist);
        }
        """);

    [Fact]
    public Task LW2007_return_type_other_than_void_or_bool() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        [Loopwire.EventEmitter]
        public partial class Server
        {
            [Loopwire.Event] public partial {|LW2007:int|} Count();
            [Loopwire.Event] public partial {|LW2007:System.Threading.Tasks.Task|} Later();
        }
        """);

    [Fact]
    public Task LW2008_duplicate_wire_or_method_names() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        [Loopwire.EventEmitter]
        public partial class Server
        {
            [Loopwire.Event("data")] partial void Received(int value);
            [Loopwire.Event] partial void {|LW2008:Data|}(string value);
            [Loopwire.Event("newListener")] partial void {|LW2008:Added|}();
            [Loopwire.Event("a")] partial void Tick(int value);
            [Loopwire.Event("b")] partial void {|LW2008:Tick|}(string value);
        }
        """);

    [Fact]
    public Task LW2009_invalid_wire_names() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        [Loopwire.EventEmitter]
        public partial class Server
        {
            [Loopwire.Event({|LW2009:""|})] partial void Empty();
            [Loopwire.Event({|LW2009:" padded"|})] partial void Padded();
            [Loopwire.Event({|LW2009:null|})] partial void Missing();
            [Loopwire.Event({|LW2009:"tab\t"|})] partial void Control();
        }
        """);

    [Fact]
    public Task LW2010_members_colliding_with_generated_ones() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public class Base
        {
            public void Emit(string name) { }
        }

        [Loopwire.EventEmitter]
        public partial class {|LW2010:Server|} : Base
        {
            public int {|LW2010:Listeners|} => 0;
            [Loopwire.Event] partial void {|LW2010:On|}();
            [Loopwire.Event] partial void {|LW2010:ToString|}(int value);
            [Loopwire.Event] partial void {|LW2010:Server|}();
            [Loopwire.Event] partial void {|LW2010:MemberwiseClone|}(int value);
            private int {|LW2010:__loopwire_Open|};
        }
        """);

    [Fact]
    public Task LW2010_emitter_deriving_from_an_emitter() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        [Loopwire.EventEmitter]
        public partial class Server
        {
            [Loopwire.Event] partial void Connection();
        }

        [Loopwire.EventEmitter]
        public partial class {|LW2010:SecureServer|} : Server
        {
            [Loopwire.Event] partial void Handshake();
        }
        """);

    [Fact]
    public Task LW2011_static_event() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        [Loopwire.EventEmitter]
        public partial class Server
        {
            [Loopwire.Event] static partial void {|LW2011:Started|}();
        }
        """);

    [Fact]
    public Task LW2012_payload_less_accessible_than_the_emitter() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        internal sealed class Secret { }

        [Loopwire.EventEmitter]
        public partial class Server
        {
            private sealed class Token { }

            [Loopwire.Event] partial void Leak(Secret {|LW2012:secret|});
            [Loopwire.Event] partial void Hidden(System.Collections.Generic.List<Token> {|LW2012:tokens|});
            [Loopwire.Event] partial void Local(FileOnly {|LW2012:value|});
        }

        file sealed class FileOnly { }
        """);

    [Fact]
    public Task LW2012_not_reported_when_the_emitter_is_as_confined_as_the_payload() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public partial class Outer
        {
            private sealed class Token { }

            [Loopwire.EventEmitter]
            private partial class Server
            {
                [Loopwire.Event] partial void Issued(Token token);
            }
        }

        internal sealed class Secret { }

        [Loopwire.EventEmitter]
        internal partial class Vault
        {
            [Loopwire.Event] partial void Opened(Secret secret);
        }
        """);

    [Fact]
    public Task LW2013_event_outside_an_emitter() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        public partial class Plain
        {
            [Loopwire.Event] partial void {|LW2013:Connection|}();
        }
        """);

    [Fact]
    public Task LW2014_too_many_parameters() => GeneratorVerifier.VerifyDiagnosticsAsync(
        """
        [Loopwire.EventEmitter]
        public partial class Server
        {
            [Loopwire.Event] partial void {|LW2014:Wide|}(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12, int a13, int a14, int a15, int a16, int a17);
        }
        """);
}
