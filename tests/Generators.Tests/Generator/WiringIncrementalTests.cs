using Loopwire.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Loopwire.Generators.Tests.Generator;

/// <summary>The wiring pipeline caches: unrelated edits regenerate nothing, and an edit to one wired class regenerates only its Attach.</summary>
public sealed class WiringIncrementalTests
{
    private const string Metrics =
        """
        namespace Demo;

        public partial class Metrics
        {
            private int _flushes;

            [Loopwire.OnInterval(1000)] void Flush() => _flushes++;
            [Loopwire.OnEvent<Server>("connection")] void Accept(string socket) { }
        }
        """;

    private const string Gauge =
        """
        namespace Demo;

        public partial class Gauge
        {
            [Loopwire.OnCheck] void Sample() { }
        }
        """;

    private const string Server =
        """
        namespace Demo;

        [Loopwire.EventEmitter]
        public partial class Server
        {
            [Loopwire.Event] public partial void Connection(string socket);
        }
        """;

    private const string Unrelated =
        """
        namespace Demo;

        public static class Helpers
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    private static readonly string[] TrackedSteps = [TrackingNames.AttachParse, TrackingNames.AttachModels, TrackingNames.AttachDiagnostics];

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var (driver, compilation) = RunOnce();

        var result = Rerun(driver, Replace(compilation, 3, Unrelated.Replace("value * 2", "value + value")));

        foreach (var (name, steps) in result.TrackedSteps.Where(s => TrackedSteps.Contains(s.Key)))
        {
            var reasons = steps.SelectMany(step => step.Outputs).Select(output => output.Reason);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}"));
        }

        Assert.All(OutputReasons(result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void An_edit_inside_a_callback_that_keeps_the_model_regenerates_nothing()
    {
        var (driver, compilation) = RunOnce();

        var result = Rerun(driver, Replace(compilation, 0, Metrics.Replace("_flushes++", "_flushes += 2")));

        Assert.All(Reasons(result, TrackingNames.AttachModels), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.All(OutputReasons(result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void Changing_one_wired_class_regenerates_only_it()
    {
        var (driver, compilation) = RunOnce();

        var result = Rerun(driver, Replace(compilation, 1, Gauge.Replace("void Sample() { }", "void Sample() { }\n    [Loopwire.OnIdle] void Rest() { }")));

        Assert.Equal(1, OutputReasons(result).Count(reason => reason != IncrementalStepRunReason.Cached));
        Assert.Contains("Rest", result.GeneratedSources.Single(s => s.HintName == "Demo.Gauge.Attach.g.cs").SourceText.ToString());
    }

    private static (GeneratorDriver Driver, Compilation Compilation) RunOnce()
    {
        var compilation = GeneratorDriverHarness.Compile(Metrics, Gauge, Server, Unrelated);
        var driver = GeneratorDriverHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(2, GeneratorDriverHarness.ResultOf<LoopCallbackGenerator>(driver).GeneratedSources.Length);
        return (driver, compilation);
    }

    private static GeneratorRunResult Rerun(GeneratorDriver driver, Compilation edited) =>
        GeneratorDriverHarness.ResultOf<LoopCallbackGenerator>(driver.RunGenerators(edited));

    private static Compilation Replace(Compilation compilation, int index, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorDriverHarness.ParseOptions, old.FilePath));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    private static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(step => step.Outputs).Select(output => output.Reason);
}
