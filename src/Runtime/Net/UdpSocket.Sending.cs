using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Loopwire.Internal;

namespace Loopwire.Net;

/// <summary>The sending side: datagrams copied into pooled buffers and sent in order, one send in flight at a time.</summary>
public sealed partial class UdpSocket
{
    private readonly RingBuffer<Datagram> _sends = new();
    private bool _sending; // a send is in flight, or its result is not consumed yet

    /// <summary>
    /// Queues <paramref name="message"/> as one datagram to <paramref name="host"/>:<paramref name="port"/>, as Node's
    /// <c>socket.send(msg, port, address)</c>. The bytes are copied, so the caller may reuse its buffer at once;
    /// datagrams go out in the order sent. An unbound socket is first bound to a free port on every interface
    /// (<c>0.0.0.0</c> or <c>::</c>), as in Node, and emits <c>listening</c>. A send that fails
    /// (<c>send EMSGSIZE 127.0.0.1:41234</c> for more than the 65,507 bytes a datagram can carry) is emitted as
    /// <c>error</c>; the socket goes on.
    /// </summary>
    /// <param name="message">The datagram's bytes; may be empty.</param>
    /// <param name="port">The destination port, 1 to 65535.</param>
    /// <param name="host">An address literal of the socket's family; null for its loopback address (<c>127.0.0.1</c> or <c>::1</c>, Node's default).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 1 to 65535.</exception>
    /// <exception cref="ArgumentException"><paramref name="host"/> is not an IP address literal, or is of the other family.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
    public void Send(ReadOnlyMemory<byte> message, int port, string? host = null)
    {
        IPEndPoint to = VerifySend(port, host);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(message.Length);
        message.Span.CopyTo(buffer);
        Enqueue(new Datagram(buffer, message.Length, to));
    }

    /// <summary>Queues <paramref name="message"/>, encoded as UTF-8, as one datagram; otherwise as <see cref="Send(ReadOnlyMemory{byte}, int, string?)"/>.</summary>
    /// <param name="message">The datagram's text.</param>
    /// <param name="port">The destination port, 1 to 65535.</param>
    /// <param name="host">An address literal of the socket's family; null for its loopback address.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 1 to 65535.</exception>
    /// <exception cref="ArgumentException"><paramref name="host"/> is not an IP address literal, or is of the other family.</exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
    public void Send(string message, int port, string? host = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        IPEndPoint to = VerifySend(port, host);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(message.Length));
        Enqueue(new Datagram(buffer, Encoding.UTF8.GetBytes(message, buffer), to));
    }

    private IPEndPoint VerifySend(int port, string? host)
    {
        Loop.VerifyLoopThread();
        ThrowIfClosed("send");
        return NetArguments.ForDatagram(port, host, _family, send: true);
    }

    private void Enqueue(Datagram datagram)
    {
        _sends.Enqueue(datagram);
        if (!_bound)
        {
            // While a failed bind's error is pending the datagram waits, as Node's wait for a bind in progress: it
            // goes once the socket binds, by a later Bind or the next Send.
            if (_bindError is null)
            {
                BindTo(NetArguments.AnyEndPoint(_family));
            }
        }
        else if (!_sending)
        {
            StartSend();
        }
    }

    private void StartSend()
    {
        ref Datagram next = ref _sends[0];
        _sending = true;
        _io.Send(next.Buffer.AsMemory(0, next.Length), next.To);
    }

    /// <summary>
    /// A send completed (<see cref="IDatagramIo"/>): the next one starts before a failure is emitted, so a throwing
    /// listener cannot stall the queue.
    /// </summary>
    internal void OnSent(SocketError error)
    {
        _sending = false;
        _sends.TryDequeue(out Datagram sent);
        ArrayPool<byte>.Shared.Return(sent.Buffer);
        if (IsClosing)
        {
            ReturnUnsent();
            return;
        }

        if (!_sends.IsEmpty)
        {
            StartSend();
        }

        if (error != SocketError.Success)
        {
            Error(NetErrors.WithHostPort("send", error, sent.To));
        }
    }

    /// <summary>No send will start again: queued datagrams go back to the pool unsent; safe to call twice.</summary>
    private void ReturnUnsent()
    {
        while (_sends.TryDequeue(out Datagram unsent))
        {
            ArrayPool<byte>.Shared.Return(unsent.Buffer);
        }
    }

    /// <summary>A queued datagram: the first <see cref="Length"/> bytes of a pooled <see cref="Buffer"/>, for <see cref="To"/>.</summary>
    private readonly record struct Datagram(byte[] Buffer, int Length, IPEndPoint To);
}
