using Xunit;
using VerifyBlocking = Loopwire.Analyzers.Tests.Infrastructure.CodeFixVerifier<Loopwire.Analyzers.Tests.Infrastructure.LW1001, Loopwire.Analyzers.CodeFixes.AwaitInsteadCodeFixProvider>;
using VerifyTaskWait = Loopwire.Analyzers.Tests.Infrastructure.CodeFixVerifier<Loopwire.Analyzers.Tests.Infrastructure.LW1002, Loopwire.Analyzers.CodeFixes.AwaitInsteadCodeFixProvider>;

namespace Loopwire.Analyzers.Tests.CodeFixes;

public sealed class AwaitInsteadCodeFixTests
{
    [Fact]
    public Task Blocking_call_in_an_async_callback_awaits_the_XAsync_overload_with_a_cancellation_token() =>
        VerifyBlocking.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                static int Main() => EventLoop.RunMain(async loop =>
                {
                    await Task.Yield();
                    Console.WriteLine({|LW1001:File.ReadAllText("config.json")|}.Length);
                });
            }
            """, """
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                static int Main() => EventLoop.RunMain(async loop =>
                {
                    await Task.Yield();
                    Console.WriteLine((await File.ReadAllTextAsync("config.json")).Length);
                });
            }
            """);

    [Fact]
    public Task Void_method_becomes_async_Task_once_even_with_several_fixes_and_Sleep_becomes_Task_Delay() =>
        VerifyBlocking.VerifyAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            using Loopwire;

            class Metrics
            {
                [OnCheck] void Check() => Flush("metrics.json", "{}");

                void Flush(string path, string json)
                {
                    {|LW1001:File.WriteAllText(path, json)|};
                    {|LW1001:Thread.Sleep(10)|};
                    using var stream = new MemoryStream();
                    {|LW1001:File.AppendAllText(path, json)|};
                }
            }
            """, """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            using Loopwire;

            class Metrics
            {
                [OnCheck] void Check() => Flush("metrics.json", "{}");

                async Task Flush(string path, string json)
                {
                    await File.WriteAllTextAsync(path, json);
                    await Task.Delay(10);
                    using var stream = new MemoryStream();
                    await File.AppendAllTextAsync(path, json);
                }
            }
            """);

    [Fact]
    public Task Blocking_attribute_alternative_is_awaited_but_never_the_method_the_call_is_in() =>
        VerifyBlocking.VerifyAsync("""
            using System.Threading.Tasks;
            using Loopwire;

            class Cache
            {
                [Blocking("LoadAsync")] public string Load() => "";
                public async Task<string> LoadAsync() { await Task.Yield(); return {|LW1001:Load()|}; }

                [OnCheck] void Check() => Refresh();

                async void Refresh()
                {
                    await LoadAsync();
                    var value = {|LW1001:Load()|};
                }
            }
            """, """
            using System.Threading.Tasks;
            using Loopwire;

            class Cache
            {
                [Blocking("LoadAsync")] public string Load() => "";
                public async Task<string> LoadAsync() { await Task.Yield(); return Load(); }

                [OnCheck] void Check() => Refresh();

                async void Refresh()
                {
                    await LoadAsync();
                    var value = await LoadAsync();
                }
            }
            """.Replace("return Load();", "return {|LW1001:Load()|};"));

    [Fact]
    public Task Result_Wait_GetResult_and_WaitAll_become_awaits() =>
        VerifyTaskWait.VerifyAsync("""
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                [LoopThread]
                void Step(Task<int> first, Task second)
                {
                    var value = {|LW1002:first.Result|} + 1;
                    {|LW1002:second.Wait()|};
                    {|LW1002:second.ConfigureAwait(false).GetAwaiter().GetResult()|};
                    {|LW1002:Task.WaitAll(first, second)|};
                }

                [OnCheck] void Check() => Step(Task.FromResult(1), Task.CompletedTask);
            }
            """, """
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                [LoopThread]
                void Step(Task<int> first, Task second)
                {
                    var value = {|LW1002:first.Result|} + 1;
                    {|LW1002:second.Wait()|};
                    {|LW1002:second.ConfigureAwait(false).GetAwaiter().GetResult()|};
                    {|LW1002:Task.WaitAll(first, second)|};
                }

                [OnCheck] void Check() => Step(Task.FromResult(1), Task.CompletedTask);
            }
            """);

    [Fact]
    public Task Task_waits_in_a_method_without_attributes_become_awaits() =>
        VerifyTaskWait.VerifyAsync("""
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                [OnCheck] void Check() => Step(Task.FromResult(1), Task.CompletedTask);

                void Step(Task<int> first, Task second)
                {
                    var value = {|LW1002:first.Result|} + 1;
                    {|LW1002:second.Wait()|};
                    {|LW1002:second.ConfigureAwait(false).GetAwaiter().GetResult()|};
                    {|LW1002:Task.WaitAll(first, second)|};
                }
            }
            """, """
            using System.Threading.Tasks;
            using Loopwire;

            class Program
            {
                [OnCheck] void Check() => Step(Task.FromResult(1), Task.CompletedTask);

                async Task Step(Task<int> first, Task second)
                {
                    var value = await first + 1;
                    await second;
                    await second;
                    await Task.WhenAll(first, second);
                }
            }
            """);
}
