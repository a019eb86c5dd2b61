using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>The receiving side: one receive in flight at a time, into a pooled buffer, each datagram copied out fresh.</summary>
public sealed partial class UdpSocket
{
    // What Node offers each datagram; larger than any UDP payload IPv4 or IPv6 (without jumbograms) can carry.
    private const int ReceiveBufferSize = 64 * 1024;

    private byte[]? _receiveBuffer;
    private bool _receiving; // a receive is in flight, or its result is not consumed yet

    private void StartReceive()
    {
        _receiveBuffer ??= ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        _receiving = true;
        _io.Receive(_receiveBuffer.AsMemory(0, ReceiveBufferSize));
    }

    /// <summary>
    /// A receive completed (<see cref="IDatagramIo"/>). The next one starts before the datagram is emitted, so a
    /// throwing listener cannot stop the socket; the datagram is a fresh array, so listeners may keep it while the
    /// buffer is reused. A datagram larger than the buffer arrives cut to its size, as Node delivers it.
    /// </summary>
    internal void OnReceived(int count, IPEndPoint? from, SocketError error)
    {
        _receiving = false;
        if (IsClosing)
        {
            ReleaseReceiveBuffer();
            return;
        }

        switch (error)
        {
            case SocketError.Success:
                byte[] message = _receiveBuffer.AsSpan(0, count).ToArray();
                StartReceive();
                Message(message, from!);
                break;
            case SocketError.ConnectionReset:
                // Windows reports an ICMP "port unreachable" for an earlier send here; libuv ignores it, and so does this.
                StartReceive();
                break;
            default:
                // As libuv, a failed receive does not stop receiving: the socket has no connection to lose.
                StartReceive();
                Error(NetErrors.Failed("recvmsg", error));
                break;
        }
    }

    /// <summary>No receive will use the buffer again; safe to call twice.</summary>
    private void ReleaseReceiveBuffer()
    {
        if (_receiveBuffer is { } buffer)
        {
            _receiveBuffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
