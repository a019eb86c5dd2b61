using Xunit;
using VerifyConfigureAwait = Loopwire.Analyzers.Tests.Infrastructure.CodeFixVerifier<Loopwire.Analyzers.Tests.Infrastructure.LW1004, Loopwire.Analyzers.CodeFixes.RemoveConfigureAwaitCodeFixProvider>;
using VerifyOffload = Loopwire.Analyzers.Tests.Infrastructure.CodeFixVerifier<Loopwire.Analyzers.Tests.Infrastructure.LW1001, Loopwire.Analyzers.CodeFixes.OffloadToQueueWorkCodeFixProvider>;

namespace Loopwire.Analyzers.Tests.CodeFixes;

public sealed class OffloadAndConfigureAwaitCodeFixTests
{
    [Fact]
    public Task Blocking_calls_in_synchronous_callbacks_move_to_QueueWork() =>
        VerifyOffload.VerifyAsync("""
            using System.IO;
            using System.Runtime.ExceptionServices;
            using System.Threading;
            using Loopwire;

            class Program
            {
                static void Main(EventLoop loop, string path)
                {
                    loop.SetTimeout(() => {|LW1001:File.Delete(path)|}, 10);
                    loop.SetInterval(() =>
                    {
                        {|LW1001:File.AppendAllText(path, "tick")|};
                        var text = {|LW1001:File.ReadAllText(path)|};
                        {|LW1001:Thread.Sleep(1)|};
                    }, 1000);
                }
            }
            """, """
            using System.IO;
            using System.Runtime.ExceptionServices;
            using System.Threading;
            using Loopwire;

            class Program
            {
                static void Main(EventLoop loop, string path)
                {
                    loop.SetTimeout(() => loop.QueueWork(() => File.Delete(path), error => { if (error is not null) ExceptionDispatchInfo.Throw(error); }), 10);
                    loop.SetInterval(() =>
                    {
                        loop.QueueWork(() => File.AppendAllText(path, "tick"), error => { if (error is not null) ExceptionDispatchInfo.Throw(error); });
                        var text = {|LW1001:File.ReadAllText(path)|};
                        {|LW1001:Thread.Sleep(1)|};
                    }, 1000);
                }
            }
            """);

    [Fact]
    public Task ConfigureAwait_false_is_removed_everywhere_with_fix_all() =>
        VerifyConfigureAwait.VerifyAsync("""
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                static int Main() => EventLoop.RunMain(async loop =>
                {
                    await Task.Delay(1).{|LW1004:ConfigureAwait(false)|};
                    var bytes = await loop.Fs.ReadFileAsync("a").{|LW1004:ConfigureAwait(false)|};
                });
            }
            """, """
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                static int Main() => EventLoop.RunMain(async loop =>
                {
                    await Task.Delay(1);
                    var bytes = await loop.Fs.ReadFileAsync("a");
                });
            }
            """);
}
