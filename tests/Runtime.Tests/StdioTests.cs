using System.IO.Pipes;
using System.Text;
using Loopwire.Processes;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// This process's stdin, stdout and stderr as streams, as Node's <c>process.stdin</c>/<c>stdout</c>/<c>stderr</c>:
/// stdin is a handle that reads nothing until it flows and keeps the loop alive only while it flows (L1, L2);
/// stdout and stderr write synchronously, as Node's do on Linux. Each is tried here over a pipe standing in for the
/// descriptor; the LineNumbers sample runs the real ones.
/// </summary>
public sealed class StdioTests
{
    [Fact]
    public void Stdin_reads_nothing_and_keeps_nothing_alive_until_it_flows_then_reads_to_its_end()
    {
        using var loop = new EventLoop();
        using var writer = new AnonymousPipeServerStream(PipeDirection.Out);
        ProcessReadable stdin = new StandardInput(loop, new AnonymousPipeClientStream(PipeDirection.In, writer.ClientSafePipeHandle)).Stream;
        writer.Write("first line\n"u8);

        Assert.False(loop.Run()); // L1: no active handle, although input waits
        Assert.False(stdin.IsDestroyed);

        var log = new List<string>();
        stdin.On.Data(chunk =>
        {
            log.Add($"data {Encoding.ASCII.GetString(chunk.Span).TrimEnd()}");
            writer.Dispose(); // the writer goes: end of file follows
        }).On.End(() => log.Add("end")).On.Closed(() => log.Add("close"));

        Assert.False(loop.Run()); // flowing, it keeps the loop alive until its end
        Assert.Equal(["data first line", "end", "close"], log);
    }

    [Fact]
    public void A_paused_stdin_lets_the_loop_end_and_resumes_where_it_stopped()
    {
        using var loop = new EventLoop();
        using var writer = new AnonymousPipeServerStream(PipeDirection.Out);
        ProcessReadable stdin = new StandardInput(loop, new AnonymousPipeClientStream(PipeDirection.In, writer.ClientSafePipeHandle)).Stream;
        var read = new StringBuilder();
        stdin.On.Data(chunk =>
        {
            read.Append(Encoding.ASCII.GetString(chunk.Span));
            if (read.Length == 3)
            {
                stdin.Pause();
            }
        });
        writer.Write("one"u8);

        Assert.False(loop.Run()); // L2: paused after the first chunk, stdin no longer holds the loop
        Assert.Equal("one", read.ToString());

        writer.Write("two"u8);
        writer.Dispose();
        stdin.Resume();
        Assert.False(loop.Run());
        Assert.Equal("onetwo", read.ToString());
        Assert.True(stdin.IsEnded);
    }

    [LinuxFact("writes to a descriptor with write(2)")]
    public void Stdout_has_written_each_chunk_when_Write_returns_and_ends_with_finish_then_close_after_the_callback()
    {
        using var loop = new EventLoop();
        using var reader = new AnonymousPipeServerStream(PipeDirection.In);
        using var writerEnd = new AnonymousPipeClientStream(PipeDirection.Out, reader.ClientSafePipeHandle);
        var stdout = new SyncWriteStream(loop, (int)writerEnd.SafePipeHandle.DangerousGetHandle(), () => writerEnd);
        var log = new List<string>();
        stdout.On.Finish(() => log.Add("finish")).On.Closed(() => log.Add("close"));

        Assert.True(stdout.Write("synchronous"));
        byte[] buffer = new byte[64];
        Assert.Equal("synchronous", Encoding.ASCII.GetString(buffer, 0, reader.Read(buffer))); // there already
        stdout.End();
        log.Add("after end");

        Assert.False(loop.Run());
        Assert.Equal(["after end", "finish", "close"], log);
        Assert.Equal(11, stdout.BytesWritten);
        Assert.Contains("write after end", Assert.Throws<InvalidOperationException>(() => stdout.Write("late")).Message);
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => loop.Stdout.End()));
    }

    [LinuxFact("writes to a descriptor with write(2)")]
    public void A_write_to_a_pipe_whose_reader_is_gone_is_write_EPIPE_then_close_as_in_Node()
    {
        using var loop = new EventLoop();
        var reader = new AnonymousPipeServerStream(PipeDirection.In);
        using var writerEnd = new AnonymousPipeClientStream(PipeDirection.Out, reader.ClientSafePipeHandle);
        reader.Dispose();
        var stderr = new SyncWriteStream(loop, (int)writerEnd.SafePipeHandle.DangerousGetHandle(), () => writerEnd);
        var log = new List<string>();
        stderr.On.Error(error => log.Add($"error {error.Message}")).On.Closed(() => log.Add("close"));

        Assert.False(stderr.Write("nobody reads this"));
        Assert.False(stderr.Write("dropped"));
        Assert.False(loop.Run());

        Assert.Equal(["error write EPIPE", "close"], log);
        Assert.True(stderr.IsDestroyed);
    }
}
