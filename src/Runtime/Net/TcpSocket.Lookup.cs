using System.Net;
using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>
/// Connecting to a name: looked up on the pool first, then each address tried in the resolver's order until one
/// connects, as Node's <c>net.connect</c> with <c>autoSelectFamily</c> (here one address at a time).
/// </summary>
public sealed partial class TcpSocket
{
    private string? _lookupHost;
    private int _lookupPort;
    private IPAddress[]? _candidates;
    private int _nextCandidate;

    /// <summary>
    /// Connects to the first of <paramref name="addresses"/> that accepts, as <see cref="Connect(EventLoop, int, string)"/> does once
    /// <paramref name="host"/> is looked up (its first <c>lookup</c> is emitted before this returns).
    /// </summary>
    internal static TcpSocket ConnectToAny(EventLoop loop, IPAddress[] addresses, int port, string host)
    {
        var socket = new TcpSocket(loop, new Socket(addresses[0].AddressFamily, SocketType.Stream, ProtocolType.Tcp), server: null);
        socket.StartNamedConnect(host, port);
        socket.OnLookedUp(null, addresses);
        return socket;
    }

    private void BeginLookup(string host, int port)
    {
        StartNamedConnect(host, port);
        Loop.Dns.LookupAll(host, OnLookedUp);
    }

    /// <summary>Until connected, writes and <see cref="End"/> wait, as they do for an address.</summary>
    private void StartNamedConnect(string host, int port) => (_lookupHost, _lookupPort, _connecting) = (host, port, true);

    private void OnLookedUp(Exception? error, IPAddress[]? addresses)
    {
        if (IsClosing)
        {
            AbandonConnect(); // destroyed while looking up
            return;
        }

        if (error is not null)
        {
            _connecting = false;
            LookedUp(error, null, _lookupHost!);
            Destroy(error);
            return;
        }

        (_candidates, _nextCandidate) = (addresses, 0);
        ConnectToNextCandidate(freshSocket: false);
    }

    /// <summary>After a failed connect: tries the next address of the name, if one is left.</summary>
    private bool TryNextCandidate()
    {
        if (_candidates is null || _nextCandidate == _candidates.Length)
        {
            return false;
        }

        ConnectToNextCandidate(freshSocket: true);
        return true;
    }

    private void ConnectToNextCandidate(bool freshSocket)
    {
        // A socket whose connect failed is not connected again: each address after the first gets a fresh one.
        IPAddress address = _candidates![_nextCandidate++];
        if (freshSocket || address.AddressFamily != _socket.AddressFamily)
        {
            UseSocket(new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        }

        LookedUp(null, address, _lookupHost!);
        if (IsClosing)
        {
            AbandonConnect(); // destroyed by a 'lookup' listener
            return;
        }

        BeginConnect(new IPEndPoint(address, _lookupPort));
    }

    /// <summary>The socket closed before its connect started: what was written for it is discarded, never sent.</summary>
    private void AbandonConnect()
    {
        _connecting = false;
        _writes.Clear();
    }

    /// <summary>Replaces the socket not yet connected with <paramref name="socket"/>, with the options already set.</summary>
    private void UseSocket(Socket socket)
    {
        _io.Close();
        _socket.Dispose();
        _socket = socket;
        _io = IStreamIo.Create(this, socket);
        if (_noDelay is bool noDelay)
        {
            socket.NoDelay = noDelay;
        }

        if (_keepAlive is bool keepAlive)
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, keepAlive);
        }
    }

    [Event("lookup")]
    private partial void LookedUp(Exception? error, IPAddress? address, string host);
}
