using Xunit;
using Verify = Loopwire.Analyzers.Tests.Infrastructure.LoopRuleVerifier<Loopwire.Analyzers.Tests.Infrastructure.LW1004>;

namespace Loopwire.Analyzers.Tests.Rules;

public sealed class ConfigureAwaitFalseRuleTests
{
    [Fact]
    public Task ConfigureAwait_false_in_loop_code_is_reported() =>
        Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                static int Main() => EventLoop.RunMain(async loop =>
                {
                    await Task.Delay(1).{|#0:ConfigureAwait(false)|};
                    await Task.Delay(1).{|#1:ConfigureAwait(ConfigureAwaitOptions.None)|};
                    await Task.Delay(1).ConfigureAwait(true);
                    await Task.Delay(1).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
                    await Library.LoadAsync();
                });
            }

            static class Library
            {
                public static async Task LoadAsync() => await Task.Delay(1).ConfigureAwait(false);
            }
            """,
            Verify.Diagnostic("LW1004").WithLocation(0).WithArguments("ConfigureAwait(false)", "lambda in Program.Main passed to EventLoop.RunMain → ConfigureAwait(false)"),
            Verify.Diagnostic("LW1004").WithLocation(1).WithArguments("ConfigureAwait(false)", "lambda in Program.Main passed to EventLoop.RunMain → ConfigureAwait(false)"),
            Verify.Diagnostic("LW1004").WithSpan(18, 65, 18, 86).WithArguments("ConfigureAwait(false)", "lambda in Program.Main passed to EventLoop.RunMain → Library.LoadAsync → ConfigureAwait(false)"));
}
