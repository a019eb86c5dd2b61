using System.Buffers;

namespace Loopwire.Http;

internal sealed partial class HttpParser
{
    private byte[]? _line;     // a line split across reads, gathered until its end arrives
    private int _lineLength;   // bytes gathered, a pending CR included
    private bool _pendingCr;   // the last byte gathered is a CR whose next byte has not arrived

    /// <summary>How a line ended: CRLF as it must, or llhttp's two errors, a bare LF or a CR followed by something else.</summary>
    private enum LineEnd
    {
        CrLf,
        BareLf,
        LoneCr,
    }

    /// <summary>What <see cref="TakeLine"/> found.</summary>
    private enum LineTaken
    {
        Line,
        Unfinished,
        TooLong,
    }

    /// <summary>Takes the next line of a head, a chunk size or trailers, and parses it as the state says.</summary>
    private HttpParseStep ReadLine(ReadOnlySpan<byte> data, ref int at)
    {
        int start = at - _lineLength; // where the line began, before this data when it was gathered
        switch (TakeLine(data, ref at, out ReadOnlySpan<byte> line, out LineEnd end))
        {
            case LineTaken.Unfinished:
                return HttpParseStep.NeedMore;
            case LineTaken.TooLong when _state == State.ChunkSize:
                return Fail("HPE_CHUNK_EXTENSIONS_OVERFLOW", "Chunk extensions overflow", at);
            case LineTaken.TooLong:
                return Fail("HPE_HEADER_OVERFLOW", "Header overflow", at);
        }

        return _state switch
        {
            State.StartLine => ReadStartLine(line, end, start),
            State.ChunkSize => ReadChunkSize(line, end, start),
            _ => ReadHeaderLine(line, end, start),
        };
    }

    /// <summary>
    /// Finds the line that starts at <paramref name="at"/> (or was gathered before), and steps past its end. When the
    /// line has not ended yet, all of the data is gathered; when it is too long, <paramref name="at"/> is where it went
    /// over the header limit.
    /// </summary>
    private LineTaken TakeLine(ReadOnlySpan<byte> data, ref int at, out ReadOnlySpan<byte> line, out LineEnd end)
    {
        ReadOnlySpan<byte> rest = data[at..];
        line = default;
        end = LineEnd.CrLf;
        if (_pendingCr)
        {
            if (rest.IsEmpty)
            {
                return LineTaken.Unfinished;
            }

            end = rest[0] == '\n' ? LineEnd.CrLf : LineEnd.LoneCr;
            at++;
            line = _line.AsSpan(0, _lineLength - 1);
            _lineLength = 0;
            _pendingCr = false;
            return LineTaken.Line;
        }

        int found = rest.IndexOfAny((byte)'\r', (byte)'\n');
        bool ended = found >= 0 && (rest[found] == '\n' || found + 1 < rest.Length);
        int content = _lineLength + (found >= 0 ? found : rest.Length);
        if (content >= _maxHeaderSize)
        {
            at += _maxHeaderSize - 1 - _lineLength;
            return LineTaken.TooLong;
        }

        if (!ended)
        {
            Gather(rest);
            _pendingCr = found >= 0;
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

        if (_lineLength == 0)
        {
            line = rest[..found];
        }
        else
        {
            Gather(rest[..found]);
            line = _line.AsSpan(0, _lineLength);
            _lineLength = 0;
        }

        at += found + (end == LineEnd.CrLf ? 2 : 1);
        return LineTaken.Line;
    }

    /// <summary>Adds bytes to the line being gathered; the caller has checked they fit under the header limit.</summary>
    private void Gather(ReadOnlySpan<byte> bytes)
    {
        _line ??= ArrayPool<byte>.Shared.Rent(_maxHeaderSize);
        bytes.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += bytes.Length;
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
