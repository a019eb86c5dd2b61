using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Loopwire.Tests.Support;

/// <summary>
/// A client that speaks HTTP/1.1 by hand over a loopback <see cref="TcpClient"/>, so a test controls exactly which
/// bytes go out and in how many writes. Every read is bounded, so a server that never answers fails the test.
/// </summary>
internal sealed class RawHttpClient : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly List<byte> _received = [];
    private bool _ended;

    public RawHttpClient(int port)
    {
        _client = new TcpClient { NoDelay = true, ReceiveTimeout = (int)Limit.TotalMilliseconds, SendTimeout = (int)Limit.TotalMilliseconds };
        Assert.True(_client.ConnectAsync("127.0.0.1", port).Wait(Limit), $"no connection to port {port} within {Limit}");
        _stream = _client.GetStream();
    }

    /// <summary>A GET of <c>/</c> in HTTP/1.1, with Host and any <paramref name="headers"/> (each a whole line without CRLF).</summary>
    public static string Get(params string[] headers) =>
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + string.Concat(headers.Select(header => header + "\r\n")) + "\r\n";

    /// <summary>Sends <paramref name="text"/> (Latin-1) in one write.</summary>
    public void Send(string text) => _stream.Write(Encoding.Latin1.GetBytes(text));

    /// <summary>Sends <paramref name="text"/> one byte per write, pausing between writes so that they arrive apart.</summary>
    public void SendByteByByte(string text)
    {
        foreach (byte b in Encoding.Latin1.GetBytes(text))
        {
            _stream.Write([b]);
            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// Reads one response: the head, then Content-Length bytes of body, or, without Content-Length, everything up to
    /// the server's end of the connection (as the error responses, which say Connection: close, are delimited).
    /// </summary>
    public HttpResponseText ReadResponse()
    {
        int headEnd;
        while ((headEnd = IndexOf("\r\n\r\n"u8)) < 0)
        {
            Assert.True(Fill(), $"the connection ended in a response head: '{Encoding.Latin1.GetString(_received.ToArray())}'");
        }

        string head = Take(headEnd + 4);
        string[] lines = head[..^4].Split("\r\n");
        string[] headers = lines[1..];
        string? length = headers.FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))?["Content-Length:".Length..].Trim();
        if (length is null)
        {
            while (Fill())
            {
            }

            return new HttpResponseText(lines[0], headers, Take(_received.Count));
        }

        int bodyLength = int.Parse(length, CultureInfo.InvariantCulture);
        while (_received.Count < bodyLength)
        {
            Assert.True(Fill(), "the connection ended in a response body");
        }

        return new HttpResponseText(lines[0], headers, Take(bodyLength));
    }

    /// <summary>Ends the client's sending side (a half-close), as a client that has sent its last request does.</summary>
    public void EndSending() => _client.Client.Shutdown(SocketShutdown.Send);

    /// <summary>Everything the server sends until it ends the connection, as Latin-1 text.</summary>
    public string ReadToEnd()
    {
        while (Fill())
        {
        }

        return Take(_received.Count);
    }

    /// <summary>Whether the server ends the connection (a clean end or a reset) with nothing more to read.</summary>
    public bool EndsWithNothingMore()
    {
        bool more = _received.Count > 0;
        while (Fill())
        {
            more = true;
        }

        return !more;
    }

    /// <summary>Whether the connection is still open and silent after <paramref name="wait"/>.</summary>
    public bool StaysOpen(TimeSpan wait)
    {
        _client.Client.ReceiveTimeout = (int)wait.TotalMilliseconds;
        try
        {
            Fill();
            return false; // something arrived, or the connection ended
        }
        catch (IOException error) when (error.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut })
        {
            return _received.Count == 0;
        }
        finally
        {
            _client.Client.ReceiveTimeout = (int)Limit.TotalMilliseconds;
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Reads once more; false at the end of the connection (a reset counts as its end).</summary>
    private bool Fill()
    {
        if (_ended)
        {
            return false;
        }

        var buffer = new byte[16 * 1024];
        int count;
        try
        {
            count = _stream.Read(buffer);
        }
        catch (IOException error) when (error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            count = 0;
        }

        _ended = count == 0;
        _received.AddRange(buffer.AsSpan(0, count));
        return !_ended;
    }

    private int IndexOf(ReadOnlySpan<byte> value) => CollectionsMarshal.AsSpan(_received).IndexOf(value);

    private string Take(int count)
    {
        string text = Encoding.Latin1.GetString(CollectionsMarshal.AsSpan(_received)[..count]);
        _received.RemoveRange(0, count);
        return text;
    }
}
