using Loopwire.Generators.Tests.Infrastructure;

namespace Loopwire.Generators.Tests.Generator;

/// <summary>Every supported declaration shape generates code that compiles without a warning (nullable on, as strict as users' builds).</summary>
public sealed class ShapeTests
{
    [Theory]
    [InlineData("public partial class Emitter { [Event] public partial void Done(); }")]
    [InlineData("internal partial class Emitter { [Event] private partial void Done(); }")]
    [InlineData("public partial class Emitter { [Event] protected internal partial bool Done(string? reason); }")]
    [InlineData("public abstract partial class Emitter { [Event] protected partial void Done(int code); }")]
    [InlineData("public partial class Emitter { [Event] private protected partial void Done(int code); [Event] public virtual partial bool Virtual(); }")]
    [InlineData("public partial record Emitter(int Id) { [Event] public partial void Done((int A, string? B) pair, int[] values); }")]
    [InlineData("public partial class Emitter<T, U> where T : class where U : struct { [Event] public partial void Done(T? item, U value, System.Collections.Generic.List<T> all); }")]
    [InlineData("public partial struct Holder { [EventEmitter] public partial class Emitter { [Event] public partial void Done(Holder holder); } }")]
    [InlineData("public partial record struct Holder { [EventEmitter] private partial class Emitter { [Event] public partial void Done(); } }")]
    [InlineData("public partial class Outer { protected partial class Middle { [EventEmitter] internal partial class Emitter { [Event] public partial void Done(); } } }")]
    [InlineData("public partial interface IHost { [EventEmitter] public partial class Emitter { [Event] public partial void Done(); } }")]
    [InlineData("public partial class Emitter { [Event] public partial void Done(int @class, string @event, params string[] rest); }")]
    [InlineData("public partial class Emitter { [Event] public partial void Done(int Item1, int Rest); [Event] public partial bool Error(string message); }")]
    [InlineData("public partial class Emitter { [Event] public partial void Done(System.ReadOnlyMemory<byte> chunk, System.DateTime at, decimal amount, System.Guid id, int? maybe, double x, float y, long z, short w); }")]
    [InlineData("public partial class @class { [Event] public partial void @event(object? value); }")]
    [InlineData("public partial class Emitter { [Event] public partial bool Error(System.Exception __list, int __single, int __first, int __second, int __emit, int __listener, int __monitors, int __EmitEach, int __loopwire_Error); }")]
    [InlineData("#nullable disable\npublic partial class Emitter { [Event] public partial void Done(string text, object value, int[] values); }\n#nullable restore")]
    public void Declaration_compiles_cleanly_in_every_namespace_form(string declaration)
    {
        foreach (var source in new[]
        {
            $"using Loopwire;\n{declaration}",
            $"using Loopwire;\nnamespace Demo.Shapes;\n{declaration}",
            $"using Loopwire;\nnamespace Demo.Shapes\n{{\n{declaration}\n}}",
        })
        {
            var annotated = source.Contains("[EventEmitter]", StringComparison.Ordinal) ? source : source.Replace(declaration, "[EventEmitter]\n" + declaration);
            var (_, diagnostics, result) = GeneratorDriverHarness.Run(GeneratorDriverHarness.Compile(annotated));

            Assert.Empty(diagnostics);
            Assert.Single(result.GeneratedTrees);
        }
    }

    [Fact]
    public void Obsolete_event_and_payload_warn_only_where_the_user_wrote_them()
    {
        var (_, diagnostics, result) = GeneratorDriverHarness.Run(GeneratorDriverHarness.Compile(
            "using Loopwire;\n[System.Obsolete] public class Old { }\n" +
            "[EventEmitter]\npublic partial class Emitter { [System.Obsolete] [Event] public partial void Retired(int code); [Event] public partial void Legacy(Old value); }"));

        var warning = Assert.Single(diagnostics);
        Assert.Equal("CS0612", warning.Id); // 'Old' in the user's Legacy declaration
        Assert.Equal("Source0.cs", warning.Location.SourceTree?.FilePath);
        Assert.Single(result.GeneratedTrees);
    }

    [Fact]
    public void Async_event_declaration_is_left_to_the_compilers_own_error()
    {
        // An async partial declaration is already CS1994; the generated emit must not add errors or warnings of its own.
        var (_, diagnostics, result) = GeneratorDriverHarness.Run(GeneratorDriverHarness.Compile(
            "using Loopwire;\n[EventEmitter]\npublic partial class Emitter { [Event] public async partial void Done(); }"));

        Assert.Equal("CS1994", Assert.Single(diagnostics).Id);
        Assert.Single(result.GeneratedTrees);
    }
}
