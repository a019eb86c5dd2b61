using Loopwire.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Loopwire.Generators.Tests.Generator;

/// <summary>The pipeline caches: unrelated edits regenerate nothing, and an edit to one emitter regenerates only it.</summary>
public sealed class IncrementalTests
{
    private const string Alpha =
        """
        namespace Demo;

        [Loopwire.EventEmitter]
        public partial class Alpha
        {
            [Loopwire.Event] public partial void Started(int id);

            public void Run() => Started(1);
        }
        """;

    private const string Beta =
        """
        namespace Demo;

        [Loopwire.EventEmitter]
        public partial class Beta
        {
            [Loopwire.Event] public partial bool Stopped(string reason);
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

    private static readonly string[] TrackedSteps = [TrackingNames.Parse, TrackingNames.Models, TrackingNames.Diagnostics];

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var (driver, compilation) = RunOnce();

        var edited = Replace(compilation, 2, Unrelated.Replace("value * 2", "value + value"));
        var result = GeneratorDriverHarness.ResultOf<EmitterGenerator>(driver.RunGenerators(edited));

        foreach (var (name, steps) in result.TrackedSteps.Where(s => TrackedSteps.Contains(s.Key)))
        {
            var reasons = steps.SelectMany(step => step.Outputs).Select(output => output.Reason);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void An_edit_inside_an_emitter_that_keeps_its_model_regenerates_nothing()
    {
        var (driver, compilation) = RunOnce();

        var edited = Replace(compilation, 0, Alpha.Replace("Started(1)", "Started(2)"));
        var result = GeneratorDriverHarness.ResultOf<EmitterGenerator>(driver.RunGenerators(edited));

        Assert.All(Reasons(result, TrackingNames.Parse), reason => Assert.True(reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached));
        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached], Reasons(result, TrackingNames.Models));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Changing_one_emitter_regenerates_only_it()
    {
        var (driver, compilation) = RunOnce();

        var edited = Replace(compilation, 0, Alpha.Replace("partial void Started(int id);", "partial void Started(int id);\n    [Loopwire.Event] public partial void Paused();"));
        var result = GeneratorDriverHarness.ResultOf<EmitterGenerator>(driver.RunGenerators(edited));

        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached], Reasons(result, TrackingNames.Models));
        var regenerated = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(step => step.Outputs)
            .Count(output => output.Reason != IncrementalStepRunReason.Cached);
        Assert.Equal(1, regenerated);
        Assert.Contains("Paused", result.GeneratedSources.Single(s => s.HintName == "Demo.Alpha.g.cs").SourceText.ToString());
    }

    private static (GeneratorDriver Driver, Compilation Compilation) RunOnce()
    {
        var compilation = GeneratorDriverHarness.Compile(Alpha, Beta, Unrelated);
        var driver = GeneratorDriverHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation);
    }

    private static Compilation Replace(Compilation compilation, int index, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorDriverHarness.ParseOptions, old.FilePath));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
}
