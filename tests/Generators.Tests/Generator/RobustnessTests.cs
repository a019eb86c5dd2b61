using Loopwire.Generators.Tests.Infrastructure;

namespace Loopwire.Generators.Tests.Generator;

/// <summary>
/// Code the compiler rejects, as it is mid-edit in an IDE: the generator never throws, and the generated file adds no
/// error to the compiler's own (a missing type must not come back as dozens of errors in generated code).
/// </summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> BrokenDeclarations =>
    [
        "[EventEmitter] public partial class Host { [Event] public partial void Data(Missing value); [Event] public partial void Fine(int x); }",
        "[EventEmitter] public partial class Host { [Event] public partial void Data(System.Collections.Generic.List<Missing>[] values); }",
        "[EventEmitter] public partial class Host { [Event] public partial void Data(void value); }",
        "[EventEmitter] public partial class Host { [Event] public partial void Data(int x, int x); }",
        "[EventEmitter] public partial class Host<T> where T : Missing { [Event] public partial void Data(T value); }",
        "public partial class Outer<T> where T : Missing { [EventEmitter] public partial class Host { [Event] public partial void Data(T value); } }",
        "[EventEmitter] public partial class Host : Missing { [Event] public partial void Data(int x); }",
        "[EventEmitter] public partial class Host : Host { [Event] public partial void Data(int x); }",
        "[EventEmitter] public partial class Host { [Event] public partial void Data(int x",
        "[EventEmitter] public partial class Host { [Event] public partial void (int x); }",
        "[EventEmitter] public partial class Host { [Event] public partial Data(int x); }",
        "[EventEmitter] public partial class Host { [Event] public int Property { get; set; } [Event] public int Field; }",
        "[EventEmitter] public partial class Host { [Event(1)] public partial void A(); [Event(\"a\", \"b\")] public partial void B(); [Event(Name = \"c\")] public partial void C(); }",
        "[EventEmitter] public enum Host { A }",
        "[EventEmitter] public delegate void Host();",
        "public partial class Host { [EventEmitter] public void Method() { } }",
        "[EventEmitter, EventEmitter] public partial class Host { [Event, Event] public partial void A(); }",
        "[EventEmitter] public partial class Host { [Event] public async partial void A(); }",
        "[EventEmitter] public partial class Host { [Event] public partial void Host(); }",
        "[EventEmitter] public partial class Host { [Event] public partial void Finalize(); }",
        "public partial class Wired { [OnEvent<Missing>(\"data\")] void Data(int x) { } [OnCheck] void Fine() { } }",
        "public partial class Wired { [OnCheck] void Check(Missing value) { } [OnIdle] Missing Idle() => null; }",
        "public partial class Wired { [OnInterval(\"often\")] void Flush() { } [OnInterval] void Sample() { } [OnSignal] void Signal() { } }",
        "public partial class Wired { [OnSignal(9999999)] void Signal() { } [OnEvent<Wired>] void Event() { } [OnEvent(\"x\")] void Plain() { } }",
        "[EventEmitter] public partial class Host { [Event] public partial void Data(Missing value); } public partial class Wired { [OnEvent<Host>(\"data\")] void Data(Missing value) { } }",
        "public partial class Wired<T> where T : Missing { [OnCheck] void Fine() { } }",
        "public partial class Wired { [OnCheck] void Fine() { }",
        "public partial class Wired { [OnCheck, OnCheck] void Twice() { } [OnPrepare] int Property { get; set; } }",
        "public partial class Wired { [OnEvent<Wired>(null)] void Data() { } }",
    ];

    [Theory]
    [MemberData(nameof(BrokenDeclarations))]
    public void Broken_code_gets_no_generator_exception_and_no_error_in_generated_code(string declaration)
    {
        var (_, diagnostics, result) = GeneratorDriverHarness.Run(GeneratorDriverHarness.Compile("using Loopwire;\n" + declaration));

        Assert.All(result.Results, run => Assert.Null(run.Exception));
        Assert.DoesNotContain(diagnostics, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        Assert.NotEmpty(diagnostics); // each declaration is broken: the compiler or the generator says so
    }

    [Fact]
    public void A_wired_class_with_a_handler_for_a_missing_emitter_is_not_generated()
    {
        var (_, diagnostics, result) = GeneratorDriverHarness.Run(GeneratorDriverHarness.Compile(
            "using Loopwire;\npublic partial class Wired { [OnEvent<Missing>(\"data\")] void Data(int x) { } [OnCheck] void Fine() { } }"));

        Assert.Equal("CS0246", Assert.Single(diagnostics).Id);
        Assert.Single(result.GeneratedTrees); // the check callback is still wired; the handler is the compiler's to report
    }

    [Fact]
    public void An_event_with_a_missing_type_leaves_the_other_events_generated()
    {
        var (_, diagnostics, result) = GeneratorDriverHarness.Run(GeneratorDriverHarness.Compile(
            "using Loopwire;\n[EventEmitter] public partial class Host { [Event] partial void Broken(Missing value); [Event] public partial void Fine(int x); }\n" +
            "class User { void M(Host host) => host.On.Fine(x => { }).Fine(1); }"));

        Assert.Equal("CS0246", Assert.Single(diagnostics).Id);
        Assert.Single(result.GeneratedTrees);
    }
}
