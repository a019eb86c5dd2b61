using System.Buffers;

namespace Loopwire.Http;

internal sealed partial class HttpParser
{
    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef"u8);

    /// <summary>A chunk's size line: hex digits, then optional <c>;name[=value]</c> extensions, which are checked and ignored.</summary>
    private HttpParseStep ReadChunkSize(ReadOnlySpan<byte> line, LineEnd end, int start)
    {
        int digits = line.IndexOfAnyExcept(HexDigits);
        digits = digits < 0 ? line.Length : digits;
        if (digits == 0)
        {
            return Fail("HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size", start);
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

            if (ReadChunkExtensions(line[digits..], start + digits, ref missingCr) == HttpParseStep.Error)
            {
                return HttpParseStep.Error;
            }
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
        }
        else
        {
            _remaining = size;
            _state = State.ChunkData;
        }

        return HttpParseStep.NeedMore;
    }

    /// <summary>
    /// <c>*( ";" token [ "=" ( token / quoted-string ) ] )</c>, with llhttp's reasons; <paramref name="missingCr"/>
    /// becomes the reason for a bare LF after the last name or value.
    /// </summary>
    private HttpParseStep ReadChunkExtensions(ReadOnlySpan<byte> extensions, int start, ref string missingCr)
    {
        int at = 0;
        while (at < extensions.Length)
        {
            at++; // the ';'
            int name = extensions[at..].IndexOfAnyExcept(TokenBytes);
            name = name < 0 ? extensions.Length - at : name;
            if (name == 0)
            {
                return Fail("HPE_STRICT", "Invalid character in chunk extensions", start + at);
            }

            at += name;
            missingCr = "Missing expected CR after chunk extension name";
            if (at == extensions.Length || extensions[at] == ';')
            {
                continue;
            }

            if (extensions[at] != '=')
            {
                return Fail("HPE_STRICT", "Invalid character in chunk extensions name", start + at);
            }

            at++;
            missingCr = "Missing expected CR after chunk extension value";
            if (at < extensions.Length && extensions[at] == '"')
            {
                int closed = QuotedStringEnd(extensions, at);
                if (closed < 0)
                {
                    return Fail("HPE_STRICT", "Invalid character in chunk extensions quoted value", start + ~closed);
                }

                at = closed;
            }
            else
            {
                int value = extensions[at..].IndexOfAnyExcept(TokenBytes);
                at = value < 0 ? extensions.Length : at + value;
            }

            if (at < extensions.Length && extensions[at] != ';')
            {
                return Fail("HPE_STRICT", "Invalid character in chunk extensions value", start + at);
            }
        }

        return HttpParseStep.NeedMore;
    }

    /// <summary>Where the quoted-string opening at <paramref name="open"/> ends (after its quote), or the complement of where it goes wrong.</summary>
    private static int QuotedStringEnd(ReadOnlySpan<byte> text, int open)
    {
        for (int at = open + 1; at < text.Length; at++)
        {
            byte next = text[at];
            if (next == '"')
            {
                return at + 1;
            }

            if (next == '\\')
            {
                at++; // a quoted-pair: the byte after it is taken as it is
                if (at == text.Length)
                {
                    break;
                }
            }
            else if (BadValueBytes.Contains(next))
            {
                return ~at;
            }
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
