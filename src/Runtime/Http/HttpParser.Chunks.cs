using System.Buffers;

namespace Loopwire.Http;

internal sealed partial class HttpParser
{
    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef"u8);

    // What ends a run of a quoted-string's plain bytes: its closing quote, a backslash, or a byte it may not hold.
    private static readonly SearchValues<byte> QuotedStringStops = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127, (byte)'"', (byte)'\\']);

    /// <summary>A chunk's size line: hex digits, then optional <c>;name[=value]</c> extensions, which are checked and ignored.</summary>
    private HttpParseStep ReadChunkSize(ReadOnlySpan<byte> line, LineEnd end, int start)
    {
        bool unfinished = end == LineEnd.Unfinished;
        int digits = line.IndexOfAnyExcept(HexDigits);
        digits = digits < 0 ? line.Length : digits;
        if (digits == 0)
        {
            return unfinished && line.IsEmpty ? HttpParseStep.NeedMore : Fail("HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size", start);
        }

        long size = 0;
        for (int at = 0; at < digits; at++)
        {
            if (size > long.MaxValue >> 4)
            {
                return Fail("HPE_INVALID_CHUNK_SIZE", "Chunk size overflow", start + at);
            }

            size = (size << 4) | (long)HexValue(line[at]);
        }

        string missingCr = "Missing expected CR after chunk size";
        if (digits < line.Length)
        {
            if (line[digits] != ';')
            {
                return Fail("HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size", start + digits);
            }

            if (ReadChunkExtensions(line[digits..], end, start + digits, ref missingCr) == HttpParseStep.Error)
            {
                return HttpParseStep.Error;
            }
        }

        if (!Decided(end))
        {
            return HttpParseStep.NeedMore;
        }

        if (end == LineEnd.BareLf)
        {
            return Fail("HPE_CR_EXPECTED", missingCr, start + line.Length);
        }

        if (end == LineEnd.LoneCr)
        {
            return Fail("HPE_STRICT", "Expected LF after chunk size", start + line.Length + 1);
        }

        if (size == 0)
        {
            _state = State.Trailers; // the last chunk: trailers, then the empty line
            _sawHeaderLine = false;
        }
        else
        {
            _remaining = size;
            _state = State.ChunkData;
        }

        return HttpParseStep.NeedMore;
    }

    /// <summary>
    /// <c>*( ";" [token] [ "=" [token] [quoted-string] ] )</c>, as loosely as llhttp takes them (a name or a value may
    /// be empty, a value may be a token run into a quoted string), with llhttp's reasons. <paramref name="missingCr"/>
    /// becomes the reason for a bare LF after the last name or value.
    /// </summary>
    private HttpParseStep ReadChunkExtensions(ReadOnlySpan<byte> extensions, LineEnd end, int start, ref string missingCr)
    {
        int at = 0;
        while (at < extensions.Length)
        {
            at++; // the ';'
            int name = extensions[at..].IndexOfAnyExcept(TokenBytes);
            name = name < 0 ? extensions.Length - at : name;
            at += name;
            missingCr = "Missing expected CR after chunk extension name";
            if (at == extensions.Length)
            {
                return name == 0 && end is LineEnd.CrLf or LineEnd.LoneCr or LineEnd.PendingCr
                    ? Fail("HPE_STRICT", "Invalid character in chunk extensions", start + at)
                    : HttpParseStep.NeedMore;
            }

            if (extensions[at] == ';')
            {
                continue;
            }

            if (extensions[at] != '=')
            {
                bool spaced = name == 0 && extensions[at] == ' ';
                return Fail("HPE_STRICT", spaced ? "Invalid character in chunk extensions" : "Invalid character in chunk extensions name", start + at);
            }

            missingCr = "Missing expected CR after chunk extension value";
            int value = extensions[++at..].IndexOfAnyExcept(TokenBytes);
            at = value < 0 ? extensions.Length : at + value;
            if (at < extensions.Length && extensions[at] == '"')
            {
                int closed = QuotedStringEnd(extensions, at);
                if (closed < 0)
                {
                    return end == LineEnd.Unfinished && ~closed == extensions.Length
                        ? HttpParseStep.NeedMore
                        : Fail("HPE_STRICT", "Invalid character in chunk extensions quoted value", start + ~closed);
                }

                at = closed;
                if (at < extensions.Length && extensions[at] != ';')
                {
                    return Fail("HPE_STRICT", "Invalid character in chunk extensions quote value", start + at);
                }
            }
            else if (at < extensions.Length && extensions[at] != ';')
            {
                return Fail("HPE_STRICT", "Invalid character in chunk extensions value", start + at);
            }
        }

        return HttpParseStep.NeedMore;
    }

    /// <summary>
    /// Where the quoted-string opening at <paramref name="open"/> ends (after its quote), or the complement of where it
    /// goes wrong: a control byte, or the end of the text.
    /// </summary>
    private static int QuotedStringEnd(ReadOnlySpan<byte> text, int open)
    {
        for (int at = open + 1; at < text.Length; at += 2)
        {
            int stop = text[at..].IndexOfAny(QuotedStringStops);
            if (stop < 0)
            {
                break;
            }

            at += stop;
            if (text[at] == '"')
            {
                return at + 1;
            }

            if (text[at] != '\\')
            {
                return ~at;
            }

            // a quoted-pair: the byte after the backslash is taken as it is (the loop steps over both)
        }

        return ~text.Length;
    }

    /// <summary>The CRLF after a chunk's data, read byte by byte so a wrong byte is reported as it arrives.</summary>
    private HttpParseStep ReadChunkDataEnd(ReadOnlySpan<byte> data, ref int at)
    {
        for (; at < data.Length; at++)
        {
            byte next = data[at];
            if (!_sawChunkCr && next == '\r')
            {
                _sawChunkCr = true;
                continue;
            }

            if (!_sawChunkCr && next == '\n')
            {
                return Fail("HPE_CR_EXPECTED", "Missing expected CR after chunk data", at);
            }

            if (next != '\n')
            {
                return Fail("HPE_STRICT", "Expected LF after chunk data", at);
            }

            at++;
            _state = State.ChunkSize;
            return HttpParseStep.NeedMore;
        }

        return HttpParseStep.NeedMore;
    }

    private static int HexValue(byte digit) => digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10;
}
