using System.IO.Pipes;
using Loopwire.Internal.Linux;

namespace Loopwire.Processes;

/// <summary>
/// A child's pipe on the epoll backend, as libuv polls a <c>uv_pipe_t</c>: the descriptor is made non-blocking and is
/// read and written on the loop thread with <c>read(2)</c> and <c>write(2)</c> when the kernel reports it ready. It is
/// watched only while an operation waits, so a paused stream costs nothing. A read waits for readiness; a write is
/// tried at once and waits for room only when the pipe is full. Like libuv's <c>uv__read</c>, one readiness report
/// reads again, up to 32 times, while each read fills its buffer and the owner reads on.
/// </summary>
/// <remarks>
/// An operation that completes from the poll phase is delivered there; a write that finished inside the call that
/// started it is delivered in the next pending phase, as libuv defers its <c>write_cb</c>. The stream's handle is
/// kept from closing (<see cref="System.Runtime.InteropServices.SafeHandle.DangerousAddRef"/>) until <see cref="Close"/>
/// has stopped watching it, so the descriptor epoll watches is never closed or reused under it.
/// </remarks>
internal sealed class EpollPipeIo : IoWatcher, IPipeIo
{
    /// <summary>Reads per readiness report at most, as libuv's <c>uv__read</c>: a child that keeps up cannot starve the loop.</summary>
    private const int MaxReadsPerReadiness = 32;

    private static readonly Action<object?> s_deliver = static io => ((EpollPipeIo)io!).Deliver();

    private readonly EpollBackend _epoll;
    private readonly EventLoop _loop;
    private readonly PipeStream _pipe;
    private readonly Action<int, Exception?> _completed;
    private readonly int _fd;

    private Memory<byte> _readBuffer;       // while a read waits
    private ReadOnlyMemory<byte> _writeData; // what is left of the write that waits
    private bool _waiting;
    private bool _writing; // the operation waiting or just done is a write
    private int _count;
    private Exception? _error;
    private bool _closed;

    public EpollPipeIo(EpollBackend epoll, EventLoop loop, PipeStream pipe, Action<int, Exception?> completed)
    {
        _epoll = epoll;
        _loop = loop;
        _pipe = pipe;
        _completed = completed;
        bool added = false;
        pipe.SafePipeHandle.DangerousAddRef(ref added);
        _fd = (int)pipe.SafePipeHandle.DangerousGetHandle();
        PipeCalls.SetNonBlocking(_fd); // only this side's file description: the child's end stays blocking
    }

    public void Read(Memory<byte> buffer)
    {
        (_readBuffer, _writing, _waiting) = (buffer, false, true);
        Watch();
    }

    public void Write(ReadOnlyMemory<byte> data)
    {
        (_writeData, _writing, _count) = (data, true, data.Length);
        if (TryWrite())
        {
            Complete(_loop, s_deliver, fromPoll: false);
            return;
        }

        _waiting = true;
        Watch();
    }

    /// <summary>Stops watching the descriptor (while it is still open), then lets the stream close it.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        (_closed, _waiting) = (true, false);
        _epoll.Watch(this, _fd, 0);
        _pipe.SafePipeHandle.DangerousRelease();
        _pipe.Dispose();
    }

    internal override void OnReady(uint events)
    {
        // An error or hang-up is reported whatever was asked for: the operation waiting then finds it out itself.
        if (_waiting && _writing)
        {
            if (TryWrite())
            {
                _waiting = false; // before the delivery, which may start the next write
                Complete(_loop, s_deliver, fromPoll: true);
            }
        }
        else
        {
            ReadWhileReady();
        }

        Watch();
    }

    /// <summary>
    /// Reads and delivers, then again while each read fills the buffer and the owner has started the next read, as
    /// libuv's <c>uv__read</c> loops: a loop rather than a call from the delivery, so the stack does not grow per read.
    /// Stops at the cap, when a read would block, at the end, or when the owner paused, closed or stopped reading.
    /// </summary>
    private void ReadWhileReady()
    {
        for (int reads = 0; reads < MaxReadsPerReadiness && _waiting && !_writing && TryRead(); reads++)
        {
            bool filled = _count == _readBuffer.Length; // a full buffer may have left bytes behind
            (_waiting, _readBuffer) = (false, default); // before the delivery, which may start the next read
            Complete(_loop, s_deliver, fromPoll: true);
            if (!filled)
            {
                return;
            }
        }
    }

    /// <summary>One read, keeping the result for the delivery; false when the pipe is empty but not ended.</summary>
    private bool TryRead()
    {
        while (true)
        {
            int read = PipeCalls.Read(_fd, _readBuffer.Span, out int errno);
            if (read >= 0)
            {
                (_count, _error) = (read, null);
                return true;
            }

            if (errno == PipeCalls.EAGAIN)
            {
                return false;
            }

            if (errno != PipeCalls.EINTR)
            {
                (_count, _error) = (0, SystemErrors.Failed("read", errno));
                return true;
            }
        }
    }

    /// <summary>Writes what the pipe takes of what is left; true once all of it is written or the write failed.</summary>
    private bool TryWrite()
    {
        while (!_writeData.IsEmpty)
        {
            int written = PipeCalls.Write(_fd, _writeData.Span, out int errno);
            if (written >= 0)
            {
                _writeData = _writeData[written..];
            }
            else if (errno == PipeCalls.EAGAIN)
            {
                return false; // the pipe is full: wait for the child to read
            }
            else if (errno != PipeCalls.EINTR)
            {
                (_writeData, _error) = (default, SystemErrors.Failed("write", errno)); // EPIPE: the child closed its stdin
                return true;
            }
        }

        _error = null;
        return true;
    }

    private void Deliver()
    {
        if (!_closed)
        {
            _completed(_count, _error);
        }
    }

    private void Watch() => _epoll.Watch(this, _fd, _closed || !_waiting ? 0 : _writing ? Epoll.Out : Epoll.In);
}
