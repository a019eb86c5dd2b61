using System.IO.Compression;

namespace Loopwire;

/// <summary>Gzip, zlib or raw deflate compression with .NET's compression streams, written one chunk at a time.</summary>
internal sealed class DeflateCompressor : ZlibCodec
{
    private readonly ZlibFormat _format;
    private readonly Stream _deflater;
    private bool _wrote;

    public DeflateCompressor(ZlibFormat format, CompressionLevel level)
    {
        _format = format;
        _deflater = format switch
        {
            ZlibFormat.Gzip => new GZipStream(Output, level, leaveOpen: true),
            ZlibFormat.Zlib => new ZLibStream(Output, level, leaveOpen: true),
            _ => new DeflateStream(Output, level, leaveOpen: true),
        };
    }

    protected override void Transform(ReadOnlyMemory<byte> input)
    {
        _deflater.Write(input.Span);
        _wrote |= !input.IsEmpty;
    }

    /// <summary>
    /// Disposing the compressor writes its last block and the trailer. One given no bytes writes nothing at all, where
    /// Node writes an empty stream; that is written here, byte for byte as Node's.
    /// </summary>
    protected override void Finish()
    {
        _deflater.Dispose();
        if (!_wrote)
        {
            Output.Write(_format switch
            {
                ZlibFormat.Gzip => [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                ZlibFormat.Zlib => [0x78, 0x9C, 0x03, 0, 0, 0, 0, 0x01],
                _ => [0x03, 0],
            });
        }
    }

    protected override void Release() => _deflater.Dispose();
}
