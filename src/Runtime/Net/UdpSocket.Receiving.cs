using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>The receiving side: one receive in flight at a time, into a pooled buffer, each datagram copied out fresh.</summary>
public sealed partial class UdpSocket
{
    // What Node offers each datagram; larger than any UDP payload IPv4 or IPv6 (without jumbograms) can carry.
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly SocketOperation _receive;
    private readonly IPEndPoint _anyEndPoint; // tells .NET which family of address to receive the sender's into
    private byte[]? _receiveBuffer;
    private bool _receiving; // a receive is in flight, or its result is not consumed yet

    private void StartReceive()
    {
        if (_receiveBuffer is null)
        {
            _receiveBuffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
            _receive.SetBuffer(_receiveBuffer, 0, ReceiveBufferSize);
        }

        // Reset each time: .NET keeps the endpoint object when the next sender's address equals it, and the one
        // handed to 'message' listeners is theirs to keep.
        _receive.RemoteEndPoint = _anyEndPoint;
        _receiving = true;
        _receive.Started(_socket.ReceiveFromAsync(_receive));
    }

    /// <summary>
    /// A receive completed. The next one starts before the datagram is emitted, so a throwing listener cannot stop
    /// the socket; the datagram is a fresh array, so listeners may keep it while the buffer is reused. A datagram
    /// larger than the buffer arrives cut to its size, as Node delivers it.
    /// </summary>
    private void OnReceived()
    {
        _receiving = false;
        if (IsClosing)
        {
            RetireReceive();
            return;
        }

        SocketError error = _receive.SocketError;
        switch (error)
        {
            case SocketError.Success:
                byte[] message = _receiveBuffer.AsSpan(0, _receive.BytesTransferred).ToArray();
                var remote = (IPEndPoint)_receive.RemoteEndPoint!;
                StartReceive();
                Message(message, remote);
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

    /// <summary>The receive operation is done with for good; safe to call twice.</summary>
    private void RetireReceive()
    {
        if (_receiveBuffer is { } buffer)
        {
            _receiveBuffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _receive.Dispose();
    }
}
