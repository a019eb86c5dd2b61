using Xunit;
using Verify = Loopwire.Analyzers.Tests.Infrastructure.LoopRuleVerifier<Loopwire.Analyzers.Tests.Infrastructure.LW1001>;

namespace Loopwire.Analyzers.Tests.Rules;

public sealed class BlockingCallRuleTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Loopwire;

        """;

    [Fact]
    public Task Blocking_call_in_a_lambda_passed_to_SetTimeout_is_reported_with_its_chain() =>
        Verify.VerifyAsync(Usings + """
            class Program
            {
                static void Main(EventLoop loop, string path)
                {
                    loop.SetTimeout(() => Console.WriteLine({|#0:File.ReadAllText(path)|}), 10);
                }
            }
            """,
            Verify.Diagnostic("LW1001").WithLocation(0)
                .WithArguments("File.ReadAllText", "lambda in Program.Main passed to EventLoop.SetTimeout → File.ReadAllText", ""));

    [Fact]
    public Task Blocking_call_three_calls_deep_from_an_OnCheck_method_names_the_whole_chain() =>
        Verify.VerifyAsync(Usings + """
            partial class Metrics
            {
                [OnCheck] void Flush() => new Store().Save();
            }

            class Store
            {
                public void Save() => Serialize();
                void Serialize() => Write("metrics.json");
                static void Write(string path) => {|#0:File.WriteAllText(path, "{}")|};
            }
            """,
            Verify.Diagnostic("LW1001").WithLocation(0)
                .WithArguments("File.WriteAllText", "Metrics.Flush → Store.Save → Store.Serialize → Store.Write → File.WriteAllText", ""));

    [Fact]
    public Task Work_delegate_of_QueueWork_runs_on_the_pool_but_its_completion_runs_on_the_loop() =>
        Verify.VerifyAsync(Usings + """
            class Program
            {
                [OnCheck]
                void AfterPoll(EventLoop loop)
                {
                    loop.QueueWork(() => File.ReadAllBytes("big.bin"), (error, bytes) => {|#0:Thread.Sleep(1)|});
                    loop.QueueWork(Hash, error => { });
                    Task.Run(() => Thread.Sleep(100));
                }

                static void Hash() => File.ReadAllBytes("big.bin");
            }
            """,
            Verify.Diagnostic("LW1001").WithLocation(0)
                .WithArguments("Thread.Sleep", "lambda in Program.AfterPoll passed to EventLoop.QueueWork → Thread.Sleep", ""));

    [Fact]
    public Task Code_not_reached_from_the_loop_is_not_reported() =>
        Verify.VerifyAsync(Usings + """
            class Program
            {
                static void Main() => Console.WriteLine(File.ReadAllText("config.json"));
            }
            """);

    [Fact]
    public Task Constructors_properties_indexers_operators_local_functions_and_partial_classes_are_followed() =>
        Verify.VerifyAsync(Usings + """
            [LoopThread]
            partial class Handler
            {
                void OnData()
                {
                    var store = new Store();
                    _ = store.Size;
                    _ = store[0];
                    _ = store + store;
                    Local();

                    void Local() => Helper();
                }
            }

            partial class Handler
            {
                void Helper() => {|#4:Thread.Sleep(1)|};
            }

            class Store
            {
                public Store() => {|#0:File.Exists("a")|};
                public long Size => {|#1:new FileInfo("a").Length|};
                public int this[int index] => {|#2:File.ReadAllBytes("a")|}[index];
                public static Store operator +(Store left, Store right) { {|#3:Thread.Sleep(1)|}; return left; }
            }
            """,
            Verify.Diagnostic("LW1001").WithLocation(0).WithArguments("File.Exists", "Handler.OnData → new Store → File.Exists", ""),
            Verify.Diagnostic("LW1001").WithLocation(1).WithArguments("FileInfo.Length", "Handler.OnData → Store.Size → FileInfo.Length", ""),
            Verify.Diagnostic("LW1001").WithLocation(2).WithArguments("File.ReadAllBytes", "Handler.OnData → Store.this[] → File.ReadAllBytes", ""),
            Verify.Diagnostic("LW1001").WithLocation(3).WithArguments("Thread.Sleep", "Handler.OnData → Store.operator + → Thread.Sleep", ""),
            Verify.Diagnostic("LW1001").WithLocation(4).WithArguments("Thread.Sleep", "Handler.Helper → Thread.Sleep", ""));

    [Fact]
    public Task Recursion_terminates_and_reports_once() =>
        Verify.VerifyAsync(Usings + """
            class Walker
            {
                [OnIdle] void Idle() => Visit(3);

                void Visit(int depth)
                {
                    if (depth == 0)
                        {|#0:Thread.Sleep(1)|};
                    else
                        Visit(depth - 1);
                }
            }
            """,
            Verify.Diagnostic("LW1001").WithLocation(0).WithArguments("Thread.Sleep", "Walker.Idle → Walker.Visit → Thread.Sleep", ""));

    [Fact]
    public Task Streams_block_except_in_memory_ones_and_async_members_never_do() =>
        Verify.VerifyAsync(Usings + """
            class Reader
            {
                [OnPrepare]
                async void Prepare()
                {
                    var buffer = new byte[16];
                    using var memory = new MemoryStream();
                    memory.Read(buffer, 0, buffer.Length);
                    using var file = {|#0:File.OpenRead("a")|};
                    {|#1:file.Read(buffer, 0, buffer.Length)|};
                    await file.ReadAsync(buffer, 0, buffer.Length);
                    using var reader = new StreamReader(file);
                    {|#2:reader.ReadLine()|};
                    new StringReader("text").ReadLine();
                    await File.ReadAllTextAsync("a");
                }
            }
            """,
            Verify.Diagnostic("LW1001").WithLocation(0).WithArguments("File.OpenRead", "Reader.Prepare → File.OpenRead", ""),
            Verify.Diagnostic("LW1001").WithLocation(1).WithArguments("FileStream.Read", "Reader.Prepare → FileStream.Read", ""),
            Verify.Diagnostic("LW1001").WithLocation(2).WithArguments("StreamReader.ReadLine", "Reader.Prepare → StreamReader.ReadLine", ""));

    [Fact]
    public Task Zero_timeouts_only_poll_and_are_not_reported() =>
        Verify.VerifyAsync(Usings + """
            class Gate
            {
                readonly SemaphoreSlim semaphore = new(1);
                readonly ManualResetEvent signal = new(false);

                [OnCheck]
                void Check()
                {
                    semaphore.Wait(0);
                    signal.WaitOne(TimeSpan.Zero);
                    {|#0:semaphore.Wait()|};
                    {|#1:signal.WaitOne(100)|};
                }
            }
            """,
            Verify.Diagnostic("LW1001").WithLocation(0).WithArguments("SemaphoreSlim.Wait", "Gate.Check → SemaphoreSlim.Wait", ""),
            Verify.Diagnostic("LW1001").WithLocation(1).WithArguments("WaitHandle.WaitOne", "Gate.Check → WaitHandle.WaitOne", ""));

    [Fact]
    public Task Blocking_attribute_marks_user_methods_and_names_the_alternative() =>
        Verify.VerifyAsync(Usings + """
            class Cache
            {
                [Blocking("LoadAsync")] public string Load() => "";
                [Blocking] public string Reload() => "";

                [OnInterval(1000)]
                void Refresh()
                {
                    {|#0:Load()|};
                    {|#1:Reload()|};
                }
            }
            """,
            Verify.Diagnostic("LW1001").WithLocation(0).WithArguments("Cache.Load", "Cache.Refresh → Cache.Load", "; use 'LoadAsync' instead"),
            Verify.Diagnostic("LW1001").WithLocation(1).WithArguments("Cache.Reload", "Cache.Refresh → Cache.Reload", ""));

    [Fact]
    public Task Additional_file_adds_members_and_exempts_others_with_an_exclamation_mark() =>
        Verify.VerifyAsync(Usings + """
            namespace Vendor
            {
                public static class Registry
                {
                    public static string Lookup(string key) => key;
                    public static string Lookup(string key, int retries) => key;
                    public static void Touch() { }
                }
            }

            class Service
            {
                [OnCheck]
                void Check()
                {
                    {|#0:Vendor.Registry.Lookup("a")|};
                    {|#1:Vendor.Registry.Lookup("a", 2)|};
                    {|#2:Vendor.Registry.Touch()|};
                    File.Exists("a");
                }
            }
            """,
            [("Loopwire.BlockingApis.txt", """
                # vendor SDK calls that go to the network
                M:Vendor.Registry.Lookup*
                M:Vendor.Registry.Touch   # the parameterless one
                !M:System.IO.File.Exists(System.String)
                """)],
            Verify.Diagnostic("LW1001").WithLocation(0).WithArguments("Registry.Lookup", "Service.Check → Registry.Lookup", ""),
            Verify.Diagnostic("LW1001").WithLocation(1).WithArguments("Registry.Lookup", "Service.Check → Registry.Lookup", ""),
            Verify.Diagnostic("LW1001").WithLocation(2).WithArguments("Registry.Touch", "Service.Check → Registry.Touch", ""));

    [Fact]
    public Task Task_waits_are_left_to_LW1002() =>
        Verify.VerifyAsync(Usings + """
            class Program
            {
                [OnCheck] void Check(Task<int> task) => Console.WriteLine(task.Result);
            }
            """);

    [Fact]
    public Task Generated_code_is_followed_but_not_reported_by_default() =>
        Verify.VerifyAsync(Usings + """
            class Metrics
            {
                [OnCheck] void Check() => Generated.Flush();
            }

            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
            static class Generated
            {
                public static void Flush() => Thread.Sleep(1);
            }
            """);

    [Fact]
    public Task Generated_code_is_reported_when_the_editorconfig_option_asks_for_it()
    {
        var test = Infrastructure.LoopRuleVerifier<Infrastructure.LW1001>.CreateTest();
        test.TestCode = Usings + """
            class Metrics
            {
                [OnCheck] void Check() => Generated.Flush();
            }

            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
            static class Generated
            {
                public static void Flush() => {|#0:Thread.Sleep(1)|};
            }
            """;
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*]\nloopwire.report_in_generated_code = true\n"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("LW1001").WithLocation(0).WithArguments("Thread.Sleep", "Metrics.Check → Generated.Flush → Thread.Sleep", ""));
        return test.RunAsync();
    }
}
