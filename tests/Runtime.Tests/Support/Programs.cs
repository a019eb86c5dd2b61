using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Loopwire.Tests.Support;

/// <summary>Runs the samples and their Node twins as child processes.</summary>
internal static class Programs
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The full path of <c>node</c> on PATH, or null.</summary>
    public static string? Node { get; } = FindOnPath(OperatingSystem.IsWindows() ? "node.exe" : "node");

    /// <summary>The repository root: the folder holding Toolkit.sln, found above the test output or the recorded build root.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Runs a sample's assembly, copied next to the tests by its project reference, with the dotnet host.</summary>
    public static string RunDotnet(string assemblyName, params string[] arguments) =>
        Run(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, assemblyName), .. arguments], input: null).Stdout;

    /// <summary>Runs a script with node.</summary>
    public static string RunNode(string script, params string[] arguments) =>
        Run(NodeHost(), [script, .. arguments], input: null).Stdout;

    /// <summary>Runs a sample's assembly with <paramref name="input"/> as its stdin, and returns its stdout and stderr.</summary>
    public static (string Stdout, string Stderr) RunDotnetWithInput(string input, string assemblyName) =>
        Run(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, assemblyName)], input);

    /// <summary>Runs a script with node, with <paramref name="input"/> as its stdin, and returns its stdout and stderr.</summary>
    public static (string Stdout, string Stderr) RunNodeWithInput(string input, string script) =>
        Run(NodeHost(), [script], input);

    /// <summary>Output lines without line-ending differences.</summary>
    public static string[] Lines(string output) => output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    private static string NodeHost() => Node ?? throw new InvalidOperationException("node is not on PATH");

    /// <summary>Runs a program to its exit, with <paramref name="input"/> as its stdin (else the tests' own, untouched).</summary>
    private static (string Stdout, string Stderr) Run(string fileName, string[] arguments, string? input)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.BaseStream.Write(Encoding.UTF8.GetBytes(input));
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not exit within {Limit}.");
        }

        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors.Result}");
        return (output.Result, errors.Result);
    }

    /// <summary>The dotnet host running the tests, to run the samples with.</summary>
    public static string DotnetHost()
    {
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static string FindRepositoryRoot()
    {
        string? recorded = typeof(Programs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        foreach (string? start in new[] { AppContext.BaseDirectory, recorded })
        {
            for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Toolkit.sln not found above the test output or the recorded repository root.");
    }
}
