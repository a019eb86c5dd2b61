using System.IO.Compression;

namespace Loopwire;

/// <summary>
/// Gzip, zlib or raw deflate decompression with .NET's decompression streams, reading from an <see cref="InflateFeed"/>
/// that each chunk is added to. .NET reads input that ends too soon as the end; the feed shows it: a complete stream's
/// decompressor never reads again once the input has ended, an incomplete one does. A gzip decompressor reads once
/// more after every member, looking for the next; it gets a sentinel byte that cannot start a member, which a
/// complete stream leaves unread and an incomplete one reads as data, then reads again. Either way a read after the
/// end is Node's <c>unexpected end of file</c>.
/// </summary>
internal sealed class DeflateDecompressor : ZlibCodec
{
    private const byte NotAMember = 0xFF; // a gzip member starts with 0x1F

    private readonly InflateFeed _feed = new();
    private readonly byte[] _scratch = new byte[64 * 1024];
    private readonly byte[] _header = new byte[3];
    private ZlibFormat _format;
    private int _headerLength;
    private Stream? _inflater;
    private bool _done;

    public DeflateDecompressor(ZlibFormat format)
    {
        _format = format;
    }

    protected override void Transform(ReadOnlyMemory<byte> input)
    {
        if (_done)
        {
            return; // after a complete stream, as Node ignores what follows
        }

        KeepHeader(input.Span);
        _feed.Add(input);
        if (_format == ZlibFormat.Detect && _headerLength < 2)
        {
            return;
        }

        try
        {
            while (true)
            {
                int read = Inflater().Read(_scratch);
                if (read == 0)
                {
                    _done = true; // it stopped without asking for input: the stream is complete
                    _feed.Clear();
                    return;
                }

                Output.Write(_scratch, 0, read);
            }
        }
        catch (InflateFeed.NeedInput)
        {
            // every byte so far is taken; the next chunk goes on
        }
        catch (InvalidDataException error)
        {
            throw ZlibException.DataError(DescribeDataError(), error);
        }
    }

    protected override void Finish()
    {
        if (_done)
        {
            return;
        }

        _feed.End();
        if (_format == ZlibFormat.Gzip || (_format == ZlibFormat.Detect && IsGzip()))
        {
            _feed.Sentinel = NotAMember;
        }

        try
        {
            int read;
            while ((read = Inflater().Read(_scratch)) > 0)
            {
                Output.Write(_scratch, 0, read);
            }
        }
        catch (InvalidDataException error)
        {
            // the sentinel read as data, or .NET's strict validation seeing the input end
            throw ZlibException.UnexpectedEnd(error);
        }

        if (_feed.ReadsAfterEnd > 0)
        {
            throw ZlibException.UnexpectedEnd();
        }
    }

    protected override void Release()
    {
        if (_inflater is null)
        {
            _feed.Dispose();
        }
        else
        {
            _inflater.Dispose(); // and the feed
        }
    }

    private Stream Inflater()
    {
        if (_inflater is null)
        {
            if (_format == ZlibFormat.Detect)
            {
                _format = IsGzip() ? ZlibFormat.Gzip : ZlibFormat.Zlib;
            }

            _inflater = _format switch
            {
                ZlibFormat.Gzip => new GZipStream(_feed, CompressionMode.Decompress),
                ZlibFormat.Zlib => new ZLibStream(_feed, CompressionMode.Decompress),
                _ => new DeflateStream(_feed, CompressionMode.Decompress),
            };
        }

        return _inflater;
    }

    /// <summary>Whether the input starts as a gzip member does, as Node's unzip tells gzip from zlib.</summary>
    private bool IsGzip() => _headerLength >= 2 && _header[0] == 0x1F && _header[1] == 0x8B;

    private void KeepHeader(ReadOnlySpan<byte> input)
    {
        int length = Math.Min(input.Length, _header.Length - _headerLength);
        input[..length].CopyTo(_header.AsSpan(_headerLength));
        _headerLength += length;
    }

    /// <summary>
    /// zlib's message for a bad header, checked here as zlib checks it, since .NET's message does not say; for an error
    /// further in, what Node would name (<c>invalid block type</c>, <c>incorrect data check</c>, ...) is not known.
    /// </summary>
    private string DescribeDataError()
    {
        if (_format == ZlibFormat.Gzip)
        {
            if (!IsGzip())
            {
                return "incorrect header check";
            }

            if (_headerLength >= 3 && _header[2] != 8)
            {
                return "unknown compression method";
            }
        }
        else if (_format == ZlibFormat.Zlib && _headerLength >= 2)
        {
            if (((_header[0] << 8) | _header[1]) % 31 != 0)
            {
                return "incorrect header check";
            }

            if ((_header[0] & 0x0F) != 8)
            {
                return "unknown compression method";
            }

            if ((_header[0] >> 4) > 7)
            {
                return "invalid window size";
            }
        }

        return "invalid compressed data";
    }
}
