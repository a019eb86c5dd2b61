using System.Buffers;

namespace Loopwire.Http;

internal sealed partial class HttpParser
{
    private byte[]? _line;     // a line split across reads, gathered until its end arrives
    private int _lineLength;   // bytes gathered, a pending CR included
    private bool _pendingCr;   // the last byte gathered is a CR whose next byte has not arrived

    /// <summary>
    /// How a line ended: CRLF as it must, llhttp's two errors (a bare LF, a CR followed by something else), or not yet.
    /// A line whose end is not known yet is only checked (as llhttp reports a bad byte as it arrives), and changes
    /// nothing: <see cref="Unfinished"/>, it may still grow; <see cref="PendingCr"/>, its bytes are all there, up to a
    /// CR whose next byte has not arrived.
    /// </summary>
    private enum LineEnd
    {
        CrLf,
        BareLf,
        LoneCr,
        Unfinished,
        PendingCr,
    }

    /// <summary>What <see cref="TakeLine"/> found.</summary>
    private enum LineTaken
    {
        Line,
        Unfinished,
        TooLong,
    }

    /// <summary>
    /// Takes the next line of a head, a chunk size or trailers, and parses it as the state says; a line not ended yet
    /// is checked as far as it goes, and one too long is refused once the bytes before the limit are checked.
    /// </summary>
    private HttpParseStep ReadLine(ReadOnlySpan<byte> data, ref int at)
    {
        int start = at - _lineLength; // where the line began, before this data when it was gathered
        LineTaken taken = TakeLine(data, ref at, out ReadOnlySpan<byte> line, out LineEnd end);
        HttpParseStep step = _state switch
        {
            State.StartLine => ReadStartLine(line, end, start),
            State.ChunkSize => ReadChunkSize(line, end, start),
            _ => ReadHeaderLine(line, end, start),
        };
        if (taken != LineTaken.TooLong || step == HttpParseStep.Error)
        {
            return step;
        }

        return _state == State.ChunkSize
            ? Fail("HPE_CHUNK_EXTENSIONS_OVERFLOW", "Chunk extensions overflow", at)
            : Fail("HPE_HEADER_OVERFLOW", "Header overflow", at);
    }

    /// <summary>
    /// Finds the line that starts at <paramref name="at"/> (or was gathered before), and steps past its end. A line
    /// not ended yet is gathered whole and given as far as it goes; a line too long is given up to the header limit,
    /// and <paramref name="at"/> is where it went over.
    /// </summary>
    private LineTaken TakeLine(ReadOnlySpan<byte> data, ref int at, out ReadOnlySpan<byte> line, out LineEnd end)
    {
        ReadOnlySpan<byte> rest = data[at..];
        end = LineEnd.Unfinished;
        if (_pendingCr)
        {
            line = _line.AsSpan(0, _lineLength - 1);
            if (rest.IsEmpty)
            {
                end = LineEnd.PendingCr;
                return LineTaken.Unfinished;
            }

            end = rest[0] == '\n' ? LineEnd.CrLf : LineEnd.LoneCr;
            at++;
            _lineLength = 0;
            _pendingCr = false;
            return LineTaken.Line;
        }

        int found = rest.IndexOfAny((byte)'\r', (byte)'\n');
        if (_lineLength + (found >= 0 ? found : rest.Length) >= _maxHeaderSize)
        {
            int fits = _maxHeaderSize - 1 - _lineLength;
            line = _lineLength == 0 ? rest[..fits] : Gathered(rest[..fits]);
            at += fits;
            return LineTaken.TooLong;
        }

        if (found < 0 || (rest[found] == '\r' && found + 1 == rest.Length))
        {
            _pendingCr = found >= 0;
            line = Gathered(rest);
            if (_pendingCr)
            {
                line = line[..^1];
                end = LineEnd.PendingCr;
            }

            at = data.Length;
            return LineTaken.Unfinished;
        }

        if (rest[found] == '\n')
        {
            end = LineEnd.BareLf;
        }
        else
        {
            end = rest[found + 1] == '\n' ? LineEnd.CrLf : LineEnd.LoneCr;
        }

        line = _lineLength == 0 ? rest[..found] : Gathered(rest[..found]);
        _lineLength = 0;
        at += found + (end == LineEnd.CrLf ? 2 : 1);
        return LineTaken.Line;
    }

    /// <summary>Whether the line's end is known, so that it may change the parser's state.</summary>
    private static bool Decided(LineEnd end) => end is LineEnd.CrLf or LineEnd.BareLf or LineEnd.LoneCr;

    /// <summary>The line gathered so far with <paramref name="bytes"/> added; the caller has checked they fit.</summary>
    private ReadOnlySpan<byte> Gathered(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.IsEmpty)
        {
            _line ??= ArrayPool<byte>.Shared.Rent(_maxHeaderSize);
            bytes.CopyTo(_line.AsSpan(_lineLength));
            _lineLength += bytes.Length;
        }

        return _line.AsSpan(0, _lineLength);
    }

    private void ReturnLineBuffer()
    {
        _lineLength = 0;
        _pendingCr = false;
        if (_line is { } line)
        {
            _line = null;
            ArrayPool<byte>.Shared.Return(line);
        }
    }
}
