using System.IO.Compression;
using System.Text;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>The samples run, print what Node's event loop would, and match their Node twins line for line.</summary>
public sealed class SampleTests
{
    private const string ReadFileFirstLine = "This runs before file read completes!";

    private static readonly string[] WorkersOutput =
    [
        "main: asked, and free meanwhile",
        "main: worker online",
        "main: sieve: 4 primes below 10",
        "main: sieve: 168 primes below 1000",
        "main: sieve: 78498 primes below 1000000",
        "main: worker exited with 0",
    ];

    /// <summary>A CRLF line, an empty line, a character outside ASCII, and a last line with no break.</summary>
    private const string NumberLinesInput = "pear\r\napple\nfig é\n\nlast";

    private static readonly string[] PhaseOrderOutput =
    [
        "main: start",
        "main: end",
        "nextTick 1",
        "nextTick 2",
        "microtask 1",
        "microtask 2",
        "after await (a microtask)",
        "nextTick queued by a microtask",
        "timers: timeout 0",
        "nextTick set by a timeout",
        "check: immediate set by a timeout",
        "timers: timeout 0 set by a timeout",
        "poll: file read",
        "nextTick set by I/O",
        "check: immediate set by I/O, always before that timeout",
        "close: handle closed",
        "timers: timeout 0 set by I/O",
    ];

    private static readonly string[] TcpEchoOutput =
    [
        "server: listening",
        "client: connected",
        "server: client ended after 21 bytes",
        "client: echo 'hello'",
        "client: echo 'event loop'",
        "client: echo 'bye'",
        "client: closed, hadError false",
        "server: closed",
    ];

    private static readonly string[] HttpGetOutput =
    [
        "GET /hello: 200 OK, text/plain, \"Hello, World!\", reused socket: no",
        "POST /shout: 200 OK, no type, \"EVENT LOOP\", reused socket: yes",
        "GET /missing: 404 Not Found, no type, \"no such page\", reused socket: yes",
    ];

    private static readonly string[] FetchOutput =
    [
        "GET /old: 200 OK, redirected: True, to /new, \"you found it\"",
        "POST /echo: 200, application/json, EVENT LOOP",
        "GET /zipped: 200, sent as gzip, \"compressed on the wire\"",
        "GET /missing: 404 Not Found, ok: False, \"no such page\"",
    ];

    private static readonly string[] SortPipeOutput =
    [
        "piped the file into sort",
        "sort printed: apple banana fig pear",
        "wc counted 4 lines",
        "exec failed with code 2: oops",
    ];

    private static string SampleFile(params string[] parts) => Path.Combine([Programs.RepositoryRoot, "samples", .. parts]);

    [Fact]
    public void PhaseOrder_prints_the_phases_in_node_s_order()
    {
        // L3, N1-N4, N6, N7, L10: ticks, microtasks, timers, immediates, I/O and close callbacks in Node's order.
        string output = Programs.RunDotnet("PhaseOrder.dll");

        Assert.Equal(PhaseOrderOutput, Programs.Lines(output));
    }

    [NodeFact]
    public void PhaseOrder_prints_the_same_lines_as_its_node_twin()
    {
        // L3, N1-N4, N6, N7, L10: the same program on both loops.
        string loopwire = Programs.RunDotnet("PhaseOrder.dll");
        string node = Programs.RunNode(SampleFile("PhaseOrder", "phase-order.js"));

        Assert.Equal(Programs.Lines(node), Programs.Lines(loopwire));
    }

    [Fact]
    public void ReadFileFirst_prints_the_line_after_the_call_before_the_file_s_text()
    {
        // L12, N7: the read completes on the pool; the main program finishes first.
        string file = SampleFile("ReadFileFirst", "file.txt");
        string expected = ReadFileFirstLine + "\n" + File.ReadAllText(file);

        string output = Programs.RunDotnet("ReadFileFirst.dll", file);

        Assert.Equal(Programs.Lines(expected), Programs.Lines(output));
    }

    [NodeFact]
    public void ReadFileFirst_prints_the_same_lines_as_its_node_twin()
    {
        // L12, N7
        string file = SampleFile("ReadFileFirst", "file.txt");

        string loopwire = Programs.RunDotnet("ReadFileFirst.dll", file);
        string node = Programs.RunNode(SampleFile("ReadFileFirst", "read-file-first.js"), file);

        Assert.Equal(ReadFileFirstLine, Programs.Lines(node)[0]);
        Assert.Equal(Programs.Lines(node), Programs.Lines(loopwire));
    }

    [Fact]
    public void TcpEcho_echoes_the_lines_then_closes_everything_and_exits()
    {
        // L1, L10, Node net: listening, connect, half-close and close in causal order; the loop ends with its handles.
        string output = Programs.RunDotnet("TcpEcho.dll");

        Assert.Equal(TcpEchoOutput, Programs.Lines(output));
    }

    [NodeFact]
    public void TcpEcho_prints_the_same_lines_as_its_node_twin()
    {
        // L1, L10, Node net: the same echo server and client on both loops.
        string loopwire = Programs.RunDotnet("TcpEcho.dll");
        string node = Programs.RunNode(SampleFile("TcpEcho", "echo.js"));

        Assert.Equal(Programs.Lines(node), Programs.Lines(loopwire));
    }

    [Fact]
    public void HttpGet_reads_three_answers_on_one_kept_socket_then_exits()
    {
        // Node http: http.get and http.request with a body, each answer read whole; the global agent keeps the
        // socket for the next request, and a kept socket does not keep the loop alive once the server closes.
        Assert.Equal(HttpGetOutput, Programs.Lines(Programs.RunDotnet("HttpGet.dll")));
    }

    [NodeFact]
    public void HttpGet_prints_the_same_lines_as_its_node_twin()
    {
        // Node http: the same server and requests on both loops.
        string loopwire = Programs.RunDotnet("HttpGet.dll");
        string node = Programs.RunNode(SampleFile("HttpGet", "get.js"));

        Assert.Equal(Programs.Lines(node), Programs.Lines(loopwire));
    }

    [Fact]
    public void Fetch_follows_a_redirect_posts_json_decodes_gzip_and_reads_a_404_then_exits()
    {
        // Node fetch: redirect 'follow', json(), a gzip content coding undone, ok false for a 404; kept sockets do not
        // keep the loop alive once the server closes.
        Assert.Equal(FetchOutput, Programs.Lines(Programs.RunDotnet("Fetch.dll")));
    }

    [NodeFact]
    public void Fetch_prints_the_same_lines_as_its_node_twin()
    {
        // Node fetch: the same server and fetches on both loops.
        string loopwire = Programs.RunDotnet("Fetch.dll");
        string node = Programs.RunNode(SampleFile("Fetch", "fetch.js"));

        Assert.Equal(Programs.Lines(node), Programs.Lines(loopwire));
    }

    [Fact]
    public void SortPipe_pipes_a_file_through_sort_reads_it_back_and_runs_exec()
    {
        // Node streams and child_process: pipeline into a child's stdin, for-await over its stdout, promisified exec.
        Assert.Equal(SortPipeOutput, Programs.Lines(Programs.RunDotnet("SortPipe.dll")));
    }

    [NodeFact]
    public void SortPipe_prints_the_same_lines_as_its_node_twin()
    {
        string loopwire = Programs.RunDotnet("SortPipe.dll");
        string node = Programs.RunNode(SampleFile("SortPipe", "sort.js"));

        Assert.Equal(Programs.Lines(node), Programs.Lines(loopwire));
    }

    [Fact]
    public void NumberLines_numbers_the_lines_of_its_stdin_onto_stdout_and_counts_them_onto_stderr()
    {
        // process.stdin read with readline, process.stdout and process.stderr written.
        ProgramOutput output = Programs.Succeeded(Programs.RunDotnet(Encoding.UTF8.GetBytes(NumberLinesInput), "NumberLines.dll"));

        Assert.Equal(["     1  pear", "     2  apple", "     3  fig é", "     4  ", "     5  last"], Programs.Lines(output.Text));
        Assert.Equal("5 lines\n", output.Stderr);
    }

    [NodeFact]
    public void NumberLines_prints_the_same_as_its_node_twin()
    {
        byte[] input = Encoding.UTF8.GetBytes(NumberLinesInput);
        ProgramOutput loopwire = Programs.RunDotnet(input, "NumberLines.dll");
        ProgramOutput node = Programs.RunNode(input, SampleFile("NumberLines", "number-lines.js"));

        Assert.Equal((node.Text, node.Stderr, node.ExitCode), (loopwire.Text, loopwire.Stderr, loopwire.ExitCode));
    }

    [Fact]
    public void Gzip_compresses_its_stdin_to_stdout_and_decompresses_it_back_with_d()
    {
        // stream/promises pipeline from process.stdin through zlib to process.stdout.
        byte[] text = File.ReadAllBytes(Path.Combine(Programs.RepositoryRoot, "README.md"));

        byte[] compressed = Programs.Succeeded(Programs.RunDotnet(text, "Gzip.dll")).Stdout;
        using (var gunzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            var read = new MemoryStream();
            gunzip.CopyTo(read);
            Assert.Equal(text, read.ToArray());
        }

        Assert.True(compressed.Length < text.Length / 2);
        Assert.Equal(text, Programs.Succeeded(Programs.RunDotnet(compressed, "Gzip.dll", "-d")).Stdout);
    }

    [NodeFact]
    public void Gzip_and_its_node_twin_read_each_others_output_and_fail_alike_on_bad_input()
    {
        byte[] text = File.ReadAllBytes(Path.Combine(Programs.RepositoryRoot, "README.md"));
        string twin = SampleFile("Gzip", "gzip.js");

        byte[] fromNode = Programs.Succeeded(Programs.RunNode(text, twin)).Stdout;
        byte[] fromLoopwire = Programs.Succeeded(Programs.RunDotnet(text, "Gzip.dll")).Stdout;
        Assert.Equal(text, Programs.Succeeded(Programs.RunDotnet(fromNode, "Gzip.dll", "-d")).Stdout);
        Assert.Equal(text, Programs.Succeeded(Programs.RunNode(fromLoopwire, twin, "-d")).Stdout);

        foreach (byte[] bad in new[] { fromNode[..100], "not gzip\n"u8.ToArray() })
        {
            ProgramOutput node = Programs.RunNode(bad, twin, "-d");
            ProgramOutput loopwire = Programs.RunDotnet(bad, "Gzip.dll", "-d");
            Assert.Equal((node.Stderr, node.ExitCode), (loopwire.Stderr, loopwire.ExitCode));
            Assert.Equal(1, loopwire.ExitCode);
        }
    }

    [Fact]
    public void Workers_counts_primes_on_a_worker_thread_by_messages()
    {
        // worker_threads: workerData, parentPort messages both ways, 'online', and 'exit' once the port is closed.
        Assert.Equal(WorkersOutput, Programs.Lines(Programs.RunDotnet("Workers.dll")));
    }

    [NodeFact]
    public void Workers_prints_the_same_lines_as_its_node_twin()
    {
        string loopwire = Programs.RunDotnet("Workers.dll");
        string node = Programs.RunNode(SampleFile("Workers", "workers.js"));

        Assert.Equal(Programs.Lines(node), Programs.Lines(loopwire));
    }
}
