using System.IO.Pipes;

namespace Loopwire.Processes;

/// <summary>
/// How a child's stdio pipe reaches the kernel, for the loop's poll backend: <see cref="ProcessReadable"/> reads its
/// pipe through it, <see cref="ProcessWritable"/> writes its own. One operation is outstanding at a time. Each
/// completes once, on the loop thread and never inside the call that started it, by calling the completion given to
/// <see cref="Create"/> with the bytes read (0 at end of file) or written (all of them), or with the error; after
/// <see cref="Close"/> nothing more is delivered.
/// </summary>
internal interface IPipeIo
{
    /// <summary>
    /// The operations of <paramref name="pipe"/> on <paramref name="loop"/>'s backend: on epoll, read and written on the
    /// loop thread when the kernel reports the pipe ready, as libuv polls a <c>uv_pipe_t</c>; else on .NET's threads.
    /// </summary>
    static IPipeIo Create(EventLoop loop, Stream pipe, Action<int, Exception?> completed) =>
        loop.Epoll is { } epoll && pipe is PipeStream pipeStream
            ? new EpollPipeIo(epoll, loop, pipeStream, completed)
            : new CompletionPipeIo(loop, pipe, completed);

    /// <summary>Reads what the pipe holds into <paramref name="buffer"/>, once it holds something or has ended.</summary>
    void Read(Memory<byte> buffer);

    /// <summary>Writes all of <paramref name="data"/>, which must stay unchanged until the write completes.</summary>
    void Write(ReadOnlyMemory<byte> data);

    /// <summary>Closes the pipe; an operation under way is dropped, its completion never delivered.</summary>
    void Close();
}
