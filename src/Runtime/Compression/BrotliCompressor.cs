using System.Buffers;
using System.IO.Compression;

namespace Loopwire;

/// <summary>Brotli compression with .NET's <see cref="BrotliEncoder"/>, one chunk at a time.</summary>
internal sealed class BrotliCompressor : ZlibCodec
{
    private readonly byte[] _scratch = new byte[64 * 1024];
    private BrotliEncoder _encoder;

    public BrotliCompressor(int quality, int window)
    {
        _encoder = new BrotliEncoder(quality, window);
    }

    protected override void Transform(ReadOnlyMemory<byte> input) => Compress(input.Span, isFinalBlock: false);

    protected override void Finish() => Compress([], isFinalBlock: true);

    protected override void Release() => _encoder.Dispose();

    private void Compress(ReadOnlySpan<byte> input, bool isFinalBlock)
    {
        OperationStatus status;
        do
        {
            status = _encoder.Compress(input, _scratch, out int consumed, out int written, isFinalBlock);
            if (status == OperationStatus.InvalidData)
            {
                throw new InvalidOperationException("The Brotli encoder failed."); // only on misuse: never for any input
            }

            Output.Write(_scratch, 0, written);
            input = input[consumed..];
        }
        while (status == OperationStatus.DestinationTooSmall || !input.IsEmpty);
    }
}
