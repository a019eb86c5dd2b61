using Xunit;
using Verify = Loopwire.Analyzers.Tests.Infrastructure.LoopRuleVerifier<Loopwire.Analyzers.Tests.Infrastructure.LW1005>;

namespace Loopwire.Analyzers.Tests.Rules;

public sealed class AsyncVoidCallbackRuleTests
{
    [Fact]
    public Task Async_void_callbacks_and_phase_methods_are_reported() =>
        Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                static void Main(EventLoop loop)
                {
                    loop.SetTimeout({|#0:async|} () => await Task.Delay(1), 10);
                    loop.SetImmediate({|#1:OnImmediate|});
                    loop.SetTimeout(() => { }, 10);
                    Action plain = async () => await Task.Delay(1);
                    _ = EventLoop.RunMain(async l => await Task.Delay(1));
                }

                static async void OnImmediate() => await Task.Delay(1);

                [OnCheck] async void {|#2:Check|}() => await Task.Delay(1);
            }
            """,
            Verify.Diagnostic("LW1005").WithLocation(0).WithArguments("lambda in Program.Main"),
            Verify.Diagnostic("LW1005").WithLocation(1).WithArguments("Program.OnImmediate"),
            Verify.Diagnostic("LW1005").WithLocation(2).WithArguments("Program.Check"));
}
