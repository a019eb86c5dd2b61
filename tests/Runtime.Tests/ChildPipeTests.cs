using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Loopwire.Processes;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// How a child's stdio pipes are read and written. On the epoll backend they are polled as libuv polls a
/// <c>uv_pipe_t</c> (src/unix/stream.c): non-blocking, read on the loop thread when ready, up to 32 reads per readiness
/// while each fills the buffer (<c>uv__read</c>), written at once and then whenever the pipe has room (<c>uv__write</c>),
/// a write that finished inside the call completing in the next pending phase. Tests that pin those details run on
/// epoll only; the others run on both backends. Each run is guarded: after 30 s the child is killed and closed, so a
/// hang fails instead of blocking the suite.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ChildPipeTests
{
    private const int ReadBufferSize = 64 * 1024; // what ProcessReadable offers each read, as libuv
    private const int EnlargedPipeSize = 1 << 20; // F_SETPIPE_SZ's default ceiling for unprivileged processes
    private const PosixSignal SigKill = (PosixSignal)9;

    [LinuxFact("the reads per readiness are the epoll backend's, as libuv's")]
    public void Output_waiting_in_the_pipe_is_read_in_many_reads_of_one_readiness_as_libuv_uv__read()
    {
        // The child enlarges its stdout pipe to 1 MiB, fills it, then says so on stderr and waits for stdin's end. Only
        // then does stdout get a 'data' listener, so when its reads start the pipe already holds 16 buffers' worth:
        // one readiness reads on while each read fills the 64 KiB buffer (libuv's uv__read), instead of one read per
        // loop iteration.
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        ChildProcess child = Perl(loop, $"fcntl(STDOUT, 1031, {EnlargedPipeSize}) or die $!; $| = 1; print 'x' x {EnlargedPipeSize}; print STDERR qq(written\\n); <STDIN>;");
        Timer guard = Guard(loop, child);
        using var iterations = new IterationCounter(loop);
        var chunkIterations = new List<long>();
        long received = 0;
        child.Stderr!.On.Data(_ => child.Stdout!.On.Data(chunk =>
        {
            chunkIterations.Add(iterations.Current);
            received += chunk.Length;
            if (received == EnlargedPipeSize)
            {
                child.Stdin!.End(); // the child exits
            }
        }));
        child.On.Closed((_, _) => guard.Close());

        Assert.False(loop.Run());

        Assert.Equal(EnlargedPipeSize, received);
        Assert.Equal(0, child.ExitCode);

        // The first read (held until the listener came) took at most a buffer; the other 15 or more full buffers were
        // waiting together, under the cap of 32.
        Assert.InRange(chunkIterations.CountBy(iteration => iteration).Max(pair => pair.Value), 15, 32);
    }

    [LinuxFact("the reads are the epoll backend's, made on the loop thread")]
    public void The_reads_of_a_child_allocate_nothing_but_the_chunks_they_hand_to_listeners()
    {
        // Each chunk is a fresh array a listener may keep; a read, its delivery and the next read allocate nothing else
        // on the loop thread: no task, no pool work item, no inbox entry. Counted over windows of 64 chunks after 32 to
        // warm up; the least of three counts, as in TcpReadLoopTests, so a one-off allocation by the runtime cannot fail it.
        const int WarmUpChunks = 32;
        const int WindowChunks = 64;
        const int Windows = 3;
        const int Recorded = WarmUpChunks + (Windows * WindowChunks) + 1;
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        ChildProcess child = ChildProcess.Spawn(loop, "head", ["-c", (16 << 20).ToString(CultureInfo.InvariantCulture), "/dev/zero"]);
        Timer guard = Guard(loop, child);
        long[] allocatedAt = new long[Recorded]; // when each listener call began: its chunk is allocated by then
        int[] lengths = new int[Recorded];
        int chunks = 0;
        child.Stdout!.On.Data(chunk =>
        {
            if (chunks < Recorded)
            {
                allocatedAt[chunks] = GC.GetAllocatedBytesForCurrentThread();
                lengths[chunks] = chunk.Length;
            }

            chunks++;
        });
        child.On.Closed((_, _) => guard.Close());

        Assert.False(loop.Run());

        Assert.InRange(chunks, Recorded, int.MaxValue);
        long leastBeyondChunks = Enumerable.Range(0, Windows)
            .Select(window => WarmUpChunks + (window * WindowChunks))
            .Min(first => allocatedAt[first + WindowChunks] - allocatedAt[first]
                - lengths.Skip(first + 1).Take(WindowChunks).Sum(ArrayBytes));
        Assert.Equal(0, leastBeyondChunks);
    }

    [LinuxFact("the write's timing is the epoll backend's, as libuv's")]
    public void A_write_the_pipe_takes_at_once_completes_in_the_next_pending_phase_as_libuv_defers_write_cb()
    {
        // libuv's uv_write writes at once; when the kernel took it all, write_cb still runs later, from the pending
        // phase (uv__io_feed), never inside the call. So 'drain' comes before an immediate queued with the write,
        // without waiting for the poll phase.
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        var child = ChildProcess.Spawn(loop, "cat");
        Timer guard = Guard(loop, child);
        var log = new List<string>();
        child.Stdin!.On.Drain(() =>
        {
            log.Add("drain");
            child.Stdin.End();
        });
        child.On.Closed((_, _) => guard.Close());

        Assert.False(child.Stdin.Write(new byte[ProcessWritable.HighWaterMark])); // a quarter of what a pipe holds
        log.Add("written");
        loop.SetImmediate(() => log.Add("immediate"));
        Assert.False(loop.Run());

        Assert.Equal(["written", "drain", "immediate"], log);
    }

    [ShellFact]
    public void Writes_to_a_child_that_stops_reading_wait_for_room_and_drain_only_once_it_reads_again()
    {
        // Node's backpressure over a pipe: cat echoes stdin to stdout, which nothing reads, so once both pipes are full
        // cat stops reading and the MiB written to it waits (libuv's uv__write waits for POLLOUT). Only after stdout gets
        // a listener does cat read on; 'drain' follows, and all of it comes back. The 100 ms timer only gives a wrong
        // implementation time to drain early: the order holds however long it is.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, "cat");
        Timer guard = Guard(loop, child);
        byte[] payload = [.. Enumerable.Range(0, 1 << 20).Select(i => (byte)(i % 251))];
        var echoed = new MemoryStream();
        var log = new List<string>();
        child.Stdin!.On.Drain(() =>
        {
            log.Add("drain");
            child.Stdin.End();
        });
        loop.SetTimeout(
            () =>
            {
                log.Add($"listening, {child.Stdin.WritableLength} bytes queued");
                child.Stdout!.On.Data(chunk => echoed.Write(chunk.Span));
            },
            100);
        child.On.Closed((_, _) => guard.Close());

        Assert.False(child.Stdin.Write(payload));
        Assert.False(loop.Run());

        Assert.Equal([$"listening, {payload.Length} bytes queued", "drain"], log);
        Assert.Equal(payload, echoed.ToArray());
    }

    [ShellFact]
    public void Writing_after_the_child_closed_its_stdin_fails_as_Nodes_write_EPIPE()
    {
        // Node: a write to a pipe whose reader is gone fails with EPIPE (SIGPIPE is ignored, as .NET's runtime ignores
        // it), emitted as 'error' on stdin ("write EPIPE", errnoException's wording), then 'close'. On the portable
        // backend .NET's stream reports it, in .NET's words.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, "/bin/sh", ["-c", "exec 0<&-; echo closed; exec sleep 30"]);
        Timer guard = Guard(loop, child);
        var log = new List<string>();
        Exception? failure = null;
        child.Stdout!.On.Data(_ => log.Add($"write returned {child.Stdin!.Write("late\n")}"));
        child.Stdin!.On.Error(error =>
        {
            failure = error;
            log.Add("stdin error");
            child.Kill();
        }).On.Closed(() => log.Add("stdin close"));
        child.On.Closed((_, _) => guard.Close());

        Assert.False(loop.Run());

        Assert.Equal(["write returned True", "stdin error", "stdin close"], log);
        Assert.IsType<IOException>(failure);
        if (loop.PollBackend == PollBackend.Epoll)
        {
            Assert.Equal("write EPIPE", failure.Message);
        }

        Assert.True(child.Stdin.IsDestroyed);
        Assert.Equal(PosixSignal.SIGTERM, child.SignalCode);
    }

    [ShellFact]
    public void Destroying_pipes_while_a_read_and_a_write_wait_closes_them_quietly_and_the_child_still_closes()
    {
        // libuv's uv_close on a pipe with a read and a write waiting stops watching it and drops them (the write's
        // callback reports ECANCELED, which Node's destroy does not emit). The child reads and writes nothing; by the
        // check phase the stdout read waits for data and most of the MiB for room.
        using var loop = new EventLoop();
        var child = ChildProcess.Spawn(loop, "/bin/sh", ["-c", "exec sleep 30"]);
        Timer guard = Guard(loop, child);
        var log = new List<string>();
        child.Stdout!.On.Data(_ => log.Add("stdout data"))
            .On.End(() => log.Add("stdout end"))
            .On.Error(error => log.Add($"stdout error {error.Message}"))
            .On.Closed(() => log.Add("stdout close"));
        child.Stdin!.On.Drain(() => log.Add("stdin drain"))
            .On.Error(error => log.Add($"stdin error {error.Message}"))
            .On.Closed(() => log.Add("stdin close"));
        child.On.Closed((code, signal) =>
        {
            log.Add($"close {signal}");
            guard.Close();
        });
        Assert.False(child.Stdin.Write(new byte[1 << 20]));
        loop.SetImmediate(() =>
        {
            child.Stdout.Destroy();
            child.Stdin.Destroy();
            log.Add("destroyed");
            child.Kill();
        });

        Assert.False(loop.Run());

        Assert.Equal(["destroyed", "stdout close", "stdin close", "close SIGTERM"], log);
        Assert.True(child.Stdout.IsDestroyed);
        Assert.True(child.Stdin.IsDestroyed);
    }

    /// <summary>Spawns perl running <paramref name="script"/>: POSIX shells cannot resize a pipe (perl is part of every Linux base system).</summary>
    private static ChildProcess Perl(EventLoop loop, string script) => ChildProcess.Spawn(loop, "perl", ["-e", script]);

    /// <summary>A ref'd 30 s timer that kills and closes <paramref name="child"/>, so a hang fails the test instead of blocking the run.</summary>
    private static Timer Guard(EventLoop loop, ChildProcess child) => loop.SetTimeout(
        () =>
        {
            if (!child.IsClosing)
            {
                child.Kill(SigKill);
                child.Close();
            }

            Assert.Fail("The child did not close within 30 s.");
        },
        TimeSpan.FromSeconds(30));

    /// <summary>What a byte array of <paramref name="length"/> takes on a 64-bit runtime: a 24-byte header, then the bytes padded to 8.</summary>
    private static int ArrayBytes(int length) => 24 + ((length + 7) & ~7);
}
