using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Loopwire.Http;

/// <summary>
/// Builds what goes before a body's bytes on the wire (a message's head, a chunk's size line) in a buffer reused for
/// each message of a connection. Text is written as Latin-1, as Node writes headers.
/// </summary>
internal sealed class HeadBuilder
{
    private byte[] _buffer = new byte[512];
    private int _length;

    /// <summary>What was written since <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    public void Append(string text)
    {
        _length += Encoding.Latin1.GetBytes(text, Reserve(text.Length));
    }

    public void AppendDecimal(long value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out int written);
        _length += written;
    }

    /// <summary>A chunk's size line: the length in hexadecimal, then CRLF.</summary>
    private void AppendChunkSize(int length)
    {
        Utf8Formatter.TryFormat(length, Reserve(10), out int written, new StandardFormat('x'));
        _length += written;
        Append("\r\n"u8);
    }

    /// <summary>
    /// Frames a chunked body's next bytes: appends the chunk's size line (none for no bytes) and returns what goes after
    /// the bytes: the chunk's CRLF, and the last chunk when <paramref name="last"/>.
    /// </summary>
    public ReadOnlySpan<byte> AppendChunkFraming(int dataLength, bool last)
    {
        if (dataLength > 0)
        {
            AppendChunkSize(dataLength);
        }

        return (dataLength > 0, last) switch
        {
            (false, false) => default,
            (true, false) => "\r\n"u8,
            (false, true) => "0\r\n\r\n"u8,
            (true, true) => "\r\n0\r\n\r\n"u8,
        };
    }

    /// <summary>One header line per value: <c>Name: value</c>, then CRLF.</summary>
    public void AppendHeader(string name, string value)
    {
        Append(name);
        Append(": "u8);
        Append(value);
        Append("\r\n"u8);
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        return _buffer.AsSpan(_length);
    }
}
