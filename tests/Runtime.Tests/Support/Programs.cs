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

    /// <summary>Runs a sample's assembly, copied next to the tests by its project reference, with the dotnet host; it must exit with 0.</summary>
    public static string RunDotnet(string assemblyName, params string[] arguments) => Succeeded(RunDotnet(null, assemblyName, arguments)).Text;

    /// <summary>Runs a script with node; it must exit with 0.</summary>
    public static string RunNode(string script, params string[] arguments) => Succeeded(RunNode(null, script, arguments)).Text;

    /// <summary>Runs a sample's assembly with <paramref name="input"/> as its stdin (null: the tests' own, untouched).</summary>
    public static ProgramOutput RunDotnet(byte[]? input, string assemblyName, params string[] arguments) =>
        Run(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, assemblyName), .. arguments], input);

    /// <summary>Runs a script with node, with <paramref name="input"/> as its stdin (null: the tests' own, untouched).</summary>
    public static ProgramOutput RunNode(byte[]? input, string script, params string[] arguments) =>
        Run(Node ?? throw new InvalidOperationException("node is not on PATH"), [script, .. arguments], input);

    /// <summary>Output lines without line-ending differences.</summary>
    public static string[] Lines(string output) => output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>Asserts that the program exited with 0, showing its stderr otherwise.</summary>
    public static ProgramOutput Succeeded(ProgramOutput output)
    {
        Assert.True(output.ExitCode == 0, $"exited with {output.ExitCode}: {output.Stderr}");
        return output;
    }

    /// <summary>Runs a program to its exit.</summary>
    private static ProgramOutput Run(string fileName, string[] arguments, byte[]? input)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        var output = new MemoryStream();
        Task copied = process.StandardOutput.BaseStream.CopyToAsync(output);
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not exit within {Limit}.");
        }

        copied.Wait();
        return new ProgramOutput(output.ToArray(), errors.Result, process.ExitCode);
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

/// <summary>What a program wrote, its stdout as bytes (and as UTF-8 text) and its stderr as text, and how it exited.</summary>
internal sealed record ProgramOutput(byte[] Stdout, string Stderr, int ExitCode)
{
    public string Text => Encoding.UTF8.GetString(Stdout);
}
