using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Node's <c>stream.finished</c>: one answer once a stream is done, null after a readable's 'end', a writable's
/// 'finish', or both for a duplex stream; the stream's error, or a premature close; a stream already done answered
/// after the current callback; and no error thrown on the loop while it listens (E2).
/// </summary>
public sealed class StreamCompletionTests
{
    [Fact]
    public void A_writable_is_done_at_finish_a_readable_at_end_and_a_duplex_at_both()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        var sink = new WritableStream(loop, static (_, _, callback) => callback());
        TransformStream passThrough = TransformStream.PassThrough(loop);
        sink.On.Finish(() => log.Add("sink finish"));
        passThrough.On.Finish(() => log.Add("pass finish")).On.Ended(() => log.Add("pass end"));
        sink.Finished(error => log.Add($"sink done {error?.Message ?? "well"}"));
        passThrough.Finished(error => log.Add($"pass done {error?.Message ?? "well"}"));

        sink.Write("x");
        sink.End();
        passThrough.End();
        Assert.False(loop.Run(RunMode.NoWait));
        Assert.Equal(["sink finish", "sink done well", "pass finish"], log); // nobody reads: no 'end' yet

        passThrough.Resume();
        Assert.False(loop.Run());
        Assert.Equal(["sink finish", "sink done well", "pass finish", "pass end", "pass done well"], log);
    }

    [Fact]
    public void An_error_or_an_early_close_is_the_answer_and_is_not_thrown_on_the_loop()
    {
        using var loop = new EventLoop();
        Exception? uncaught = null;
        loop.UncaughtException += error => uncaught = error;
        var failing = new WritableStream(loop, (_, _, callback) => callback(new IOException("disk full")));
        TransformStream closedEarly = TransformStream.PassThrough(loop);
        Exception? failed = null, early = null;
        failing.Finished(error => failed = error);
        closedEarly.Finished(error => early = error);

        failing.Write("x");
        closedEarly.Destroy();
        Assert.False(loop.Run());

        Assert.Null(uncaught);
        Assert.Equal("disk full", failed?.Message);
        Assert.IsType<PrematureCloseException>(early);
    }

    [Fact]
    public void FinishedAsync_answers_a_stream_already_done_and_stops_waiting_when_cancelled()
    {
        LoopPrograms.Run(async loop =>
        {
            var sink = new WritableStream(loop, static (_, _, callback) => callback());
            sink.End();
            await sink.FinishedAsync(); // finishes while awaited
            await sink.FinishedAsync(); // already done: answered from its state

            TransformStream unread = TransformStream.PassThrough(loop);
            using var cancellation = new CancellationTokenSource();
            Task waiting = unread.FinishedAsync(cancellation.Token);
            Threads.OnAnotherThread(cancellation.Cancel);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            Assert.False(unread.IsDestroyed); // the stream is left as it is
            unread.Destroy();
        });
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call()
    {
        using var loop = new EventLoop();
        TransformStream stream = TransformStream.PassThrough(loop);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => StreamCompletion.Finished(null!, _ => { })).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => stream.Finished(null!)).ParamName);
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => stream.Finished(_ => { })));
    }
}
