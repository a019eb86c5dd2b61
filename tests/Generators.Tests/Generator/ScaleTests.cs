using System.Text;
using Loopwire.Generators.Tests.Infrastructure;

namespace Loopwire.Generators.Tests.Generator;

/// <summary>Many emitters and wired classes in one compilation: every one generated, and the result compiles cleanly.</summary>
public sealed class ScaleTests
{
    [Fact]
    public void Five_hundred_emitters_generate_and_compile_without_diagnostics()
    {
        const int Count = 500;
        var source = new StringBuilder("using System;\nusing Loopwire;\n\nnamespace Scale;\n");
        for (var i = 0; i < Count; i++)
        {
            source.Append($$"""

                [EventEmitter]
                public partial class Emitter{{i}}
                {
                    [Event] public partial bool Opened(int id, string name);
                    [Event("data_{{i}}")] public partial void Data(ReadOnlyMemory<byte> chunk);
                    [Event] public partial bool Error(Exception error);
                    [Event] internal partial void Tick();
                }

                """);
        }

        var (_, diagnostics, result) = GeneratorDriverHarness.Run(GeneratorDriverHarness.Compile(source.ToString()));

        Assert.Empty(diagnostics);
        Assert.Equal(Count, result.GeneratedTrees.Length);
    }

    [Fact]
    public void Five_hundred_wired_classes_generate_and_compile_without_diagnostics()
    {
        const int Count = 500;
        var source = new StringBuilder("using System;\nusing System.Runtime.InteropServices;\nusing Loopwire;\n\nnamespace Scale;\n");
        source.Append("""

            [EventEmitter]
            public partial class Server
            {
                [Event] public partial void Connection(string socket);
                [Event] public partial bool Error(Exception error);
            }

            """);
        for (var i = 0; i < Count; i++)
        {
            source.Append($$"""

                public partial class Wired{{i}}
                {
                    [OnInterval({{i + 1}})] void Flush() { }
                    [OnCheck] void AfterPoll() { }
                    [OnSignal(PosixSignal.SIGHUP)] void Reload() { }
                    [OnEvent<Server>("connection")] void Accept(string socket) { }
                    [OnEvent<Server>("error")] void Failed(Exception error) { }
                }

                """);
        }

        var (_, diagnostics, result) = GeneratorDriverHarness.Run(GeneratorDriverHarness.Compile(source.ToString()));

        Assert.Empty(diagnostics);
        Assert.Equal(Count + 1, result.GeneratedTrees.Length);
    }
}
