using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Loopwire.Analyzers.Tests.Infrastructure.LoopRuleVerifier<Loopwire.Analyzers.Tests.Infrastructure.LW1002>;

namespace Loopwire.Analyzers.Tests.Rules;

public sealed class SynchronousTaskWaitRuleTests
{
    private static DiagnosticResult Error(int location, string member, string chain) =>
        new DiagnosticResult("LW1002", DiagnosticSeverity.Error).WithLocation(location).WithArguments(member, chain);

    [Fact]
    public Task Result_Wait_and_GetResult_on_the_loop_thread_are_errors() =>
        Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                static void Main(EventLoop loop, Task<int> task, ValueTask<string> pending)
                {
                    loop.SetImmediate(() =>
                    {
                        _ = {|#0:task.Result|};
                        {|#1:task.Wait()|};
                        {|#2:task.GetAwaiter().GetResult()|};
                        {|#3:task.ConfigureAwait(false).GetAwaiter().GetResult()|};
                        _ = {|#4:pending.Result|};
                        {|#5:Task.WaitAll(task)|};
                    });
                }
            }
            """,
            Error(0, "Task.Result", "lambda in Program.Main passed to EventLoop.SetImmediate → Task.Result"),
            Error(1, "Task.Wait", "lambda in Program.Main passed to EventLoop.SetImmediate → Task.Wait"),
            Error(2, "TaskAwaiter.GetResult", "lambda in Program.Main passed to EventLoop.SetImmediate → TaskAwaiter.GetResult"),
            Error(3, "ConfiguredTaskAwaiter.GetResult", "lambda in Program.Main passed to EventLoop.SetImmediate → ConfiguredTaskAwaiter.GetResult"),
            Error(4, "ValueTask.Result", "lambda in Program.Main passed to EventLoop.SetImmediate → ValueTask.Result"),
            Error(5, "Task.WaitAll", "lambda in Program.Main passed to EventLoop.SetImmediate → Task.WaitAll"));

    [Fact]
    public Task Waits_off_the_loop_and_with_a_zero_timeout_are_fine() =>
        Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                [OnCheck]
                void Check(EventLoop loop, Task<int> task)
                {
                    task.Wait(0);
                    loop.QueueWork(() => task.Wait(), error => { });
                    if (task.IsCompleted)
                        System.Console.WriteLine(task.IsCompletedSuccessfully);
                }

                static void Main(Task task) => task.Wait();
            }
            """);
}
