using System.Net.Sockets;

namespace Loopwire.Net;

/// <summary>
/// Sets <c>SO_REUSEADDR</c>, and only it, on a socket about to listen, as libuv does on Unix: a restarted server can
/// then bind a port whose old connections linger in TIME_WAIT, while a port another socket listens on still fails
/// with EADDRINUSE. .NET's own <see cref="SocketOptionName.ReuseAddress"/> will not do: on Unix it sets
/// <c>SO_REUSEPORT</c> too, which lets a second server listen on the same port.
/// </summary>
internal static class ReuseAddress
{
    public static void Set(Socket socket)
    {
        // Windows's SO_REUSEADDR would let two listeners share a port, so libuv leaves it off there, and so does this.
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(1, 2, BitConverter.GetBytes(1)); // SOL_SOCKET, SO_REUSEADDR
        }
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            socket.SetRawSocketOption(0xFFFF, 0x4, BitConverter.GetBytes(1)); // SOL_SOCKET, SO_REUSEADDR
        }
    }
}
