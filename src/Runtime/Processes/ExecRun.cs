using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Loopwire.Processes;

/// <summary>
/// One <see cref="ChildProcess.ExecFile"/>: keeps the child's stdout and stderr up to the limit, ends the child on the
/// timeout or past the limit, and calls back once, after the child's 'close', as Node's <c>execFile</c> does.
/// </summary>
internal sealed class ExecRun
{
    private readonly ChildProcess _child;
    private readonly string _command;
    private readonly ExecOptions _options;
    private readonly Action<Exception?, string, string> _callback;
    private readonly ArrayBufferWriter<byte> _stdout = new();
    private readonly ArrayBufferWriter<byte> _stderr = new();
    private Exception? _error;        // a failed spawn (or kill), reported as is
    private string? _overflowed;      // the stream that passed the limit
    private Timer? _timeout;

    public ExecRun(ChildProcess child, string command, ExecOptions options, Action<Exception?, string, string> callback)
    {
        _child = child;
        _command = command;
        _options = options;
        _callback = callback;
    }

    public void Start()
    {
        _child.Stdout?.On.Data(chunk => Keep(_stdout, chunk, "stdout"));
        _child.Stderr?.On.Data(chunk => Keep(_stderr, chunk, "stderr"));
        _child.On.Error(error => _error ??= error).On.Closed(OnClosed);
        if (_options.Timeout > TimeSpan.Zero)
        {
            // Unref'd: the child keeps the loop alive while it runs, and an unref'd child should not be kept by this.
            _timeout = _child.Loop.SetTimeout(Kill, _options.Timeout);
            _timeout.Unref();
        }
    }

    private void Keep(ArrayBufferWriter<byte> kept, ReadOnlyMemory<byte> chunk, string stream)
    {
        if (_overflowed is not null)
        {
            return; // the child is being ended: what it still prints is dropped
        }

        int room = _options.MaxBuffer - kept.WrittenCount;
        if (chunk.Length <= room)
        {
            kept.Write(chunk.Span);
            return;
        }

        kept.Write(chunk.Span[..room]);
        _overflowed = stream;
        Kill();
    }

    /// <summary>As Node's: the child is sent the kill signal, and its pipes are closed, so that 'close' follows even if it holds on.</summary>
    private void Kill()
    {
        _child.Kill(_options.KillSignal);
        _child.Stdout?.Destroy();
        _child.Stderr?.Destroy();
    }

    private void OnClosed(int? code, PosixSignal? signal)
    {
        _child.Loop.ClearTimeout(_timeout);
        string stdout = Encoding.UTF8.GetString(_stdout.WrittenSpan);
        string stderr = Encoding.UTF8.GetString(_stderr.WrittenSpan);
        string? failure = _overflowed is not null ? $"{_overflowed} maxBuffer length exceeded (Node's ERR_CHILD_PROCESS_STDIO_MAXBUFFER)"
            : code != 0 || signal is not null ? $"Command failed: {_command}\n{stderr}"
            : null;
        Exception? error = _error ?? (failure is null ? null : new ExecException(failure, _command, code, signal, _child.Killed, stdout, stderr));
        _callback(error, stdout, stderr);
    }
}
