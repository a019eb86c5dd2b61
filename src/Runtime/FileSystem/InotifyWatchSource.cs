using System.Runtime.InteropServices;
using System.Text;
using Loopwire.Internal.Linux;
using Microsoft.Win32.SafeHandles;

namespace Loopwire;

/// <summary>
/// An <see cref="FsWatcher"/>'s notifications on the epoll backend, as libuv's <c>uv_fs_event_t</c> on Linux: an
/// inotify instance watches the path with libuv's mask, its descriptor is in the loop's epoll set, and its events are
/// read on the loop thread in the poll phase, until the instance is empty (<c>uv__inotify_read</c>), each emitted as a
/// callback of its own. An event whose mask is only IN_ATTRIB or IN_MODIFY is <c>"change"</c>, any other
/// <c>"rename"</c> (IN_IGNORED too, so a deleted path reports itself twice, as in Node); an event about the watched
/// path itself carries no name, and reports the path's last segment, as libuv's <c>uv__basename_r</c>.
/// </summary>
/// <remarks>
/// One inotify instance per watcher, where libuv shares one per loop among watches it keys by watch descriptor: closing
/// a watcher closes its descriptor, which drops its watch and any event still queued for it, with no bookkeeping for two
/// watchers of one inode (inotify gives them one watch descriptor) or for the late events of a removed watch, and a busy
/// directory cannot overflow another watcher's queue. The cost is a descriptor per watcher: the sysctl
/// <c>fs.inotify.max_user_instances</c> (128 by default) caps the watchers a user has open at once.
/// </remarks>
internal sealed class InotifyWatchSource : IoWatcher, IWatchSource
{
    /// <summary>As libuv's read buffer: many events per read, and room for one with the longest name (16 + NAME_MAX + 1 bytes).</summary>
    private const int BufferSize = 4096;

    private static readonly Action<object?> s_deliver = static source => ((InotifyWatchSource)source!).Deliver();

    private readonly EpollBackend _epoll;
    private readonly FsWatcher _owner;
    private readonly string _path;
    private readonly string _ownName;
    private readonly SafeFileHandle _inotify; // closes the descriptor should a watcher never be closed
    private readonly int _fd;
    private readonly byte[] _buffer = new byte[BufferSize];

    private int _parsed; // the events in _buffer from _parsed to _read are read but not yet delivered
    private int _read;
    private string _eventType = "";
    private string? _filename;
    private Exception? _error;
    private bool _closed;

    /// <exception cref="IOException">inotify refused (a missing path, the limit on watches or instances), worded as Node's.</exception>
    public InotifyWatchSource(EpollBackend epoll, FsWatcher owner, string path)
    {
        _epoll = epoll;
        _owner = owner;
        _path = path;
        _ownName = Path.GetFileName(path);
        _fd = Inotify.Init(out int errno);
        if (_fd < 0)
        {
            throw FsErrors.WatchFailed(errno, path);
        }

        _inotify = new SafeFileHandle(_fd, ownsHandle: true);
        if (Inotify.Watch(_fd, path, out errno) < 0)
        {
            _inotify.Dispose();
            throw FsErrors.WatchFailed(errno, path);
        }

        epoll.Watch(this, _fd, Epoll.In);
    }

    /// <summary>Stops watching the descriptor (while it is still open), then closes it, which removes the watch.</summary>
    public void Close()
    {
        _closed = true;
        _epoll.Watch(this, _fd, 0);
        _inotify.Dispose();
    }

    internal override void OnReady(uint events)
    {
        // A listener may close the watcher: nothing more is read or delivered then.
        while (!_closed && (_parsed < _read || Fill()))
        {
            DeliverNext();
        }
    }

    /// <summary>One read into the buffer; false when the instance is empty or the read failed (then reported).</summary>
    private bool Fill()
    {
        while (true)
        {
            int read = PipeCalls.Read(_fd, _buffer, out int errno);
            if (read > 0)
            {
                (_parsed, _read) = (0, read);
                return true;
            }

            if (read < 0 && errno == PipeCalls.EINTR)
            {
                continue;
            }

            if (read < 0 && errno != PipeCalls.EAGAIN)
            {
                // A read that failed fails again at every readiness: stop watching rather than spin, and say so.
                _epoll.Watch(this, _fd, 0);
                _error = FsErrors.FromErrno(errno, "watch", _path);
                Complete(_owner.Loop, s_deliver, fromPoll: true);
            }

            return false;
        }
    }

    /// <summary>Parses the next <c>struct inotify_event</c> in the buffer and delivers it; only a name allocates.</summary>
    private void DeliverNext()
    {
        ReadOnlySpan<byte> record = _buffer.AsSpan(_parsed, _read - _parsed);
        uint mask = MemoryMarshal.Read<uint>(record[Inotify.MaskOffset..]);
        int nameLength = MemoryMarshal.Read<int>(record[Inotify.NameLengthOffset..]);
        _parsed += Inotify.EventHeaderSize + nameLength;
        if ((mask & Inotify.QueueOverflow) != 0)
        {
            // libuv drops this record (its watch descriptor is -1, no watcher's); Loopwire reports the loss, as the
            // portable backend's FileSystemWatcher does, and goes on watching.
            _error = new InternalBufferOverflowException(
                $"Too many changes at once in '{_path}': the kernel's inotify queue (the sysctl fs.inotify.max_queued_events) overflowed and dropped events.");
        }
        else
        {
            ReadOnlySpan<byte> name = record.Slice(Inotify.EventHeaderSize, nameLength);
            int end = name.IndexOf((byte)0); // the name is NUL-padded
            _eventType = (mask & ~Inotify.ChangeEvents) != 0 ? "rename" : "change";
            _filename = nameLength == 0 ? _ownName : Encoding.UTF8.GetString(end < 0 ? name : name[..end]);
        }

        Complete(_owner.Loop, s_deliver, fromPoll: true);
    }

    private void Deliver()
    {
        if (_error is { } error)
        {
            _error = null;
            _owner.Fail(error);
        }
        else
        {
            _owner.Notify(_eventType, _filename);
        }
    }
}
