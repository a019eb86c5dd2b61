using System.Text;

namespace Loopwire;

/// <summary>
/// UTF-8 bytes to lines, as Node's <c>readline</c> splits its input: at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>,
/// the break not part of the line; a character split across chunks is decoded whole.
/// </summary>
internal sealed class LineSplitter
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _line = new();
    private char[] _chars = [];
    private bool _afterCarriageReturn; // a '\r' ended the last line: a '\n' right after it belongs to that break

    /// <summary>Decodes <paramref name="chunk"/> and adds the lines it completes to <paramref name="lines"/>.</summary>
    public void Split(ReadOnlySpan<byte> chunk, List<string> lines)
    {
        int most = _decoder.GetCharCount(chunk, flush: false);
        if (_chars.Length < most)
        {
            _chars = new char[most];
        }

        int count = _decoder.GetChars(chunk, _chars, flush: false);
        foreach (char c in _chars.AsSpan(0, count))
        {
            if (c == '\n' && _afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                continue;
            }

            _afterCarriageReturn = c == '\r';
            if (c is '\n' or '\r')
            {
                lines.Add(_line.ToString());
                _line.Clear();
            }
            else
            {
                _line.Append(c);
            }
        }
    }

    /// <summary>The input ended: what is left, a last line with no break after it, or null.</summary>
    public string? Finish()
    {
        Span<char> rest = stackalloc char[4];
        int count = _decoder.GetChars(ReadOnlySpan<byte>.Empty, rest, flush: true); // a cut-off character becomes U+FFFD
        _line.Append(rest[..count]);
        return _line.Length > 0 ? _line.ToString() : null;
    }
}
