using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Loopwire.Benchmarks.Compare;

/// <summary>
/// <c>compare http</c>: samples/HttpHello and its Node twin hello.js, each started alone on a free port and loaded
/// with <c>wrk -t1 -c50 -d10s</c> after a short warm-up run; ns per request is 1e9 / (requests per second). Both
/// servers are copied next to this program by its reference to the sample. Needs <c>wrk</c> on PATH: without it the
/// scenario is skipped with a message.
/// </summary>
public sealed partial class HttpScenario : LoadScenario
{
    private const string Connections = "50";
    private const string WarmUp = "3s";
    private const string Duration = "10s";
    private const string ListeningPrefix = "listening on http://127.0.0.1:";
    private const int Sigterm = 15;

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    public override string Name => "http";

    public override string Report()
    {
        string? wrk = FindOnPath("wrk");
        if (wrk is null)
        {
            return "SKIP http: wrk is not on PATH; install it (apt-get install wrk, brew install wrk) to load the HTTP servers.";
        }

        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? FindOnPath("dotnet") ?? "dotnet";
        Result loopwire = Measure(wrk, dotnet, Path.Combine(AppContext.BaseDirectory, "HttpHello.dll"));
        Result? node = FindOnPath("node") is { } nodePath
            ? Measure(wrk, nodePath, Path.Combine(AppContext.BaseDirectory, "hello.js"))
            : null;

        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"BENCH http loopwire={loopwire.NsPerRequest:F1} node={Format(node?.NsPerRequest)} ratio={Format(node?.NsPerRequest / loopwire.NsPerRequest, "F2")} alloc=n/a loopwire-rps={loopwire.RequestsPerSecond:F0} node-rps={Format(node?.RequestsPerSecond, "F0")}");
        line += loopwire.Problems.Length > 0 ? $" loopwire-problems=\"{loopwire.Problems}\"" : "";
        line += node is { Problems.Length: > 0 } ? $" node-problems=\"{node.Problems}\"" : "";
        return line;
    }

    /// <summary>Starts one server, warms it up, loads it, stops it with SIGTERM and returns what wrk measured.</summary>
    private static Result Measure(string wrk, string host, string program)
    {
        using var server = Process.Start(new ProcessStartInfo(host, [program])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            Task<string?> first = server.StandardOutput.ReadLineAsync();
            if (!first.Wait(StartLimit) || first.Result is not { } listening || !listening.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{program} did not print '{ListeningPrefix}<port>' within {StartLimit}: {server.StandardError.ReadToEnd()}");
            }

            _ = server.StandardError.ReadToEndAsync();
            string url = $"http://127.0.0.1:{listening[ListeningPrefix.Length..]}/";
            RunWrk(wrk, WarmUp, url);
            string output = RunWrk(wrk, Duration, url);
            Match rate = RequestsPerSecond().Match(output);
            if (!rate.Success)
            {
                throw new InvalidOperationException($"wrk printed no Requests/sec for {program}:\n{output}");
            }

            double rps = double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture);
            string problems = string.Join("; ", output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Socket errors", StringComparison.Ordinal) || l.StartsWith("Non-2xx", StringComparison.Ordinal)));
            Stop(server, program, ref problems);
            return new Result(rps, problems);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private static string RunWrk(string wrk, string duration, string url)
    {
        using var process = Process.Start(new ProcessStartInfo(wrk, ["-t1", $"-c{Connections}", $"-d{duration}", url])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    /// <summary>SIGTERM, as a service manager stops a server: both sides close and exit 0; anything else is reported.</summary>
    private static void Stop(Process server, string program, ref string problems)
    {
        if (Kill(server.Id, Sigterm) != 0 || !server.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            problems = Join(problems, $"{Path.GetFileName(program)} did not exit within 10 s of SIGTERM");
        }
        else if (server.ExitCode != 0)
        {
            problems = Join(problems, $"{Path.GetFileName(program)} exited with {server.ExitCode}");
        }
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : $"{a}; {b}";

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static string Format(double? value, string format = "F1") =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private sealed record Result(double RequestsPerSecond, string Problems)
    {
        public double NsPerRequest => 1e9 / RequestsPerSecond;
    }
}
