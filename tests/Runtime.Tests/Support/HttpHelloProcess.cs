using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Loopwire.Tests.Support;

/// <summary>
/// samples/HttpHello, or its Node twin hello.js, running as a child process on a free port: started, its one
/// <c>listening on http://127.0.0.1:&lt;port&gt;</c> line read, interrupted with a real signal, killed on dispose if
/// it is still running.
/// </summary>
internal sealed class HttpHelloProcess : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);
    private const string Prefix = "listening on http://127.0.0.1:";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HttpHelloProcess(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(_output, e.Data, listening: true);
        _process.ErrorDataReceived += (_, e) => OnLine(_errors, e.Data, listening: false);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!_listening.Task.Wait(StartLimit))
        {
            Dispose();
            throw new TimeoutException($"{fileName} printed no listening line within {StartLimit}: {Errors}");
        }

        ListeningLine = _listening.Task.Result;
        Assert.StartsWith(Prefix, ListeningLine, StringComparison.Ordinal);
        Port = int.Parse(ListeningLine[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture);
    }

    public string ListeningLine { get; }

    public int Port { get; }

    /// <summary>Everything the process wrote to stdout, one line per line.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>The C# sample, copied next to the tests by its project reference.</summary>
    public static HttpHelloProcess StartLoopwire() =>
        new(Programs.DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "HttpHello.dll")]);

    /// <summary>The Node twin; only when node is on PATH.</summary>
    public static HttpHelloProcess StartNode() =>
        new(Programs.Node ?? throw new InvalidOperationException("node is not on PATH"),
            [Path.Combine(Programs.RepositoryRoot, "samples", "HttpHello", "hello.js")]);

    /// <summary>Sends <paramref name="signal"/> (2 is SIGINT, 15 SIGTERM) with libc's kill.</summary>
    public void Signal(int signal) =>
        Assert.True(PosixSignals.Send(_process.Id, signal) == 0, $"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");

    /// <summary>Waits for the process to exit and returns its exit code; fails if it does not exit within <paramref name="limit"/>.</summary>
    public int WaitForExit(TimeSpan limit)
    {
        Assert.True(_process.WaitForExit(limit), $"the server did not exit within {limit} of the signal");
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void OnLine(StringBuilder text, string? line, bool listening)
    {
        if (line is null)
        {
            _listening.TrySetException(new InvalidOperationException($"the server exited without a listening line: {Errors}"));
            return;
        }

        lock (text)
        {
            text.Append(line).Append('\n');
        }

        if (listening)
        {
            _listening.TrySetResult(line);
        }
    }

}
