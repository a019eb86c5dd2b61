using Xunit;
using Verify = Loopwire.Analyzers.Tests.Infrastructure.LoopRuleVerifier<Loopwire.Analyzers.Tests.Infrastructure.LW1003>;

namespace Loopwire.Analyzers.Tests.Rules;

public sealed class LoopApiOffLoopRuleTests
{
    [Fact]
    public Task Loop_APIs_called_from_pool_code_are_reported_but_Post_is_allowed() =>
        Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                static void Main(EventLoop loop)
                {
                    loop.QueueWork(() => Work(loop), error => loop.SetTimeout(() => { }, 1));
                    Task.Run(() =>
                    {
                        loop.Post(() => loop.SetImmediate(() => { }));
                        loop.Stop();
                        {|#1:loop.SetTimeout(() => { }, 5)|};
                    });
                }

                static void Work(EventLoop loop) => {|#0:loop.NextTick(() => { })|};
            }
            """,
            Verify.Diagnostic("LW1003").WithLocation(1).WithArguments("EventLoop.SetTimeout", "lambda in Program.Main passed to Task.Run → EventLoop.SetTimeout"),
            Verify.Diagnostic("LW1003").WithLocation(0).WithArguments("EventLoop.NextTick", "lambda in Program.Main passed to EventLoop.QueueWork → Program.Work → EventLoop.NextTick"));

    [Fact]
    public Task Handles_and_emitters_are_loop_affine_and_user_pool_parameters_count() =>
        Verify.VerifyAsync("""
            using System;
            using Loopwire;

            [EventEmitter]
            partial class Server
            {
                public void Close() { }
            }

            class Worker
            {
                public void Start([RunsOnPool] Action job) { }

                void Run(Timer timer, Server server)
                {
                    Start(() =>
                    {
                        {|#0:timer.Unref()|};
                        {|#1:server.Close()|};
                    });
                }
            }
            """,
            Verify.Diagnostic("LW1003").WithLocation(0).WithArguments("Handle.Unref", "lambda in Worker.Run passed to Worker.Start → Handle.Unref"),
            Verify.Diagnostic("LW1003").WithLocation(1).WithArguments("Server.Close", "lambda in Worker.Run passed to Worker.Start → Server.Close"));

    [Fact]
    public Task Pool_code_is_not_followed_into_AnyThread_members_whose_body_their_author_vouches_for() =>
        Verify.VerifyAsync("""
            using System.Threading;
            using Loopwire;

            class Dispatcher
            {
                readonly EventLoop loop = new EventLoop();

                // Makes the calling thread a loop thread: the loop is its own.
                [AnyThread]
                public static void RunLoopHere()
                {
                    var own = new EventLoop();
                    own.SetTimeout(() => { }, 1);
                    own.Run();
                }

                void Start()
                {
                    new Thread(() =>
                    {
                        RunLoopHere();
                        Helper();
                    }).Start();
                }

                void Helper() => {|#0:loop.NextTick(() => { })|};
            }
            """,
            Verify.Diagnostic("LW1003").WithLocation(0).WithArguments("EventLoop.NextTick", "lambda in Dispatcher.Start passed to new Thread → Dispatcher.Helper → EventLoop.NextTick"));
}
