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
    private const int EnlargedPipeSize = 1 << 20; // F_SETPIPE_SZ's default ceiling for unprivileged processes
    private const PosixSignal SigKill = (PosixSignal)9;

    [LinuxFact("the reads per readiness are the epoll backend's, as libuv's")]
    public void Output_waiting_in_the_pipe_is_read_in_many_reads_of_one_readiness_as_libuv_uv__read()
    {
        // Only once the child has filled its 1 MiB pipe does stdout get a 'data' listener, so when its reads start the
        // pipe already holds 16 buffers' worth: one readiness reads on while each read fills the 64 KiB buffer (libuv's
        // uv__read), instead of one read per loop iteration.
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        ChildProcess child = ChildWithAFullPipe(loop);
        Timer guard = Guard(loop, child);
        using var iterations = new IterationCounter(loop);
        var chunkIterations = new List<long>();
        var received = new MemoryStream();
        child.Stderr!.On.Data(_ => child.Stdout!.On.Data(chunk =>
        {
            chunkIterations.Add(iterations.Current);
            ReceiveAndEndAtTheEnd(child, received, chunk);
        }));
        child.On.Closed((_, _) => guard.Close());

        Assert.False(loop.Run());

        Assert.Equal(Payload(), received.ToArray());
        Assert.Equal(0, child.ExitCode);

        // The first read (held until the listener came) took at most a buffer; the other 15 or more full buffers were
        // waiting together, under the cap of 32.
        Assert.InRange(chunkIterations.CountBy(iteration => iteration).Max(pair => pair.Value), 15, 32);
    }

    [LinuxFact("F_SETPIPE_SZ is Linux's")]
    public void Pausing_in_a_data_listener_ends_the_reads_of_that_readiness_and_Resume_delivers_the_rest_in_order()
    {
        // libuv's uv__read loops only while the stream is reading: uv_read_stop in read_cb ends it at once. The pipe
        // holds 16 buffers' worth when stdout flows; its first chunk is the read held until then, its second the first
        // of the reads the listener started, where it pauses.
        using var loop = new EventLoop();
        ChildProcess child = ChildWithAFullPipe(loop);
        Timer guard = Guard(loop, child);
        using var iterations = new IterationCounter(loop);
        var chunkIterations = new List<long>();
        var received = new MemoryStream();
        int chunksWhilePaused = 0;
        child.Stderr!.On.Data(_ => child.Stdout!.On.Data(chunk =>
        {
            chunksWhilePaused += child.Stdout.IsPaused ? 1 : 0;
            chunkIterations.Add(iterations.Current);
            ReceiveAndEndAtTheEnd(child, received, chunk);
            if (chunkIterations.Count == 2)
            {
                child.Stdout.Pause();
                loop.SetImmediate(() => child.Stdout.Resume()); // in the check phase, once this poll phase is over
            }
        }));
        child.On.Closed((_, _) => guard.Close());

        Assert.False(loop.Run());

        Assert.Equal(0, chunksWhilePaused);
        Assert.Single(chunkIterations.Skip(1), iteration => iteration == chunkIterations[1]);
        Assert.Equal(Payload(), received.ToArray());
    }

    [LinuxFact("F_SETPIPE_SZ is Linux's")]
    public void Destroying_in_a_data_listener_ends_the_reads_of_that_readiness()
    {
        // libuv's uv__read: a read_cb that closes the stream stops it reading, so no read follows on a closed
        // descriptor, and nothing more is emitted but 'close'.
        using var loop = new EventLoop();
        ChildProcess child = ChildWithAFullPipe(loop);
        Timer guard = Guard(loop, child);
        var log = new List<string>();
        child.Stderr!.On.Data(_ => child.Stdout!.On.Data(chunk =>
        {
            log.Add("data");
            if (log.Count == 2)
            {
                child.Stdout.Destroy();
                child.Kill();
            }
        }));
        child.Stdout!.On.End(() => log.Add("end"))
            .On.Error(error => log.Add($"error {error.Message}"))
            .On.Closed(() => log.Add("close"));
        child.On.Closed((_, _) => guard.Close());

        Assert.False(loop.Run());

        Assert.Equal(["data", "data", "close"], log);
        Assert.Equal(PosixSignal.SIGTERM, child.SignalCode);
    }

    [LinuxFact("the reads are the epoll backend's, made on the loop thread")]
    public void The_reads_of_a_child_allocate_nothing_but_the_chunks_they_hand_to_listeners()
    {
        // Each chunk is a fresh array a listener may keep; a read, its delivery and the next read allocate nothing else
        // on the loop thread: no task, no pool work item, no inbox entry.
        using var loop = new EventLoop(new EventLoopOptions { PollBackend = PollBackend.Epoll });
        ChildProcess child = ChildProcess.Spawn(loop, "head", ["-c", (16 << 20).ToString(CultureInfo.InvariantCulture), "/dev/zero"]);
        Timer guard = Guard(loop, child);
        var allocations = new ChunkAllocations();
        child.Stdout!.On.Data(chunk => allocations.Record(chunk.Length));
        child.On.Closed((_, _) => guard.Close());

        Assert.False(loop.Run());

        Assert.Equal(0, allocations.LeastBeyondChunks());
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

    /// <summary>
    /// A child that enlarges its stdout pipe to 1 MiB with F_SETPIPE_SZ, fills it with <see cref="Payload"/>, then
    /// prints a line to stderr and waits for stdin's end. It is perl: POSIX shells cannot resize a pipe, and perl is
    /// part of every Linux base system.
    /// </summary>
    private static ChildProcess ChildWithAFullPipe(EventLoop loop)
    {
        const int SetPipeSize = 1031; // F_SETPIPE_SZ
        string script = $"fcntl(STDOUT, {SetPipeSize}, {EnlargedPipeSize}) or die $!; $| = 1; "
            + $"print join('', map {{ chr($_ % 251) }} 0 .. {EnlargedPipeSize - 1}); print STDERR qq(written\\n); <STDIN>;";
        return ChildProcess.Spawn(loop, "perl", ["-e", script]);
    }

    /// <summary>What <see cref="ChildWithAFullPipe"/> prints: a period prime to every buffer size, so a chunk out of place shows.</summary>
    private static byte[] Payload() => [.. Enumerable.Range(0, EnlargedPipeSize).Select(i => (byte)(i % 251))];

    /// <summary>Keeps <paramref name="chunk"/>; once all of <see cref="Payload"/> is in, ends stdin so that the child exits.</summary>
    private static void ReceiveAndEndAtTheEnd(ChildProcess child, MemoryStream received, ReadOnlyMemory<byte> chunk)
    {
        received.Write(chunk.Span);
        if (received.Length == EnlargedPipeSize)
        {
            child.Stdin!.End();
        }
    }

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
}
