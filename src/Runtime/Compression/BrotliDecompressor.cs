using System.Buffers;
using System.IO.Compression;

namespace Loopwire;

/// <summary>
/// Brotli decompression with .NET's <see cref="BrotliDecoder"/>, which takes input as it comes and says when the
/// stream is complete: input that ends before is Node's <c>unexpected end of file</c>; bytes after it are ignored, as
/// Node ignores them.
/// </summary>
internal sealed class BrotliDecompressor : ZlibCodec
{
    private readonly byte[] _scratch = new byte[64 * 1024];
    private BrotliDecoder _decoder;
    private bool _done;

    protected override void Transform(ReadOnlyMemory<byte> input)
    {
        ReadOnlySpan<byte> rest = input.Span;
        while (!_done)
        {
            OperationStatus status = _decoder.Decompress(rest, _scratch, out int consumed, out int written);
            Output.Write(_scratch, 0, written);
            rest = rest[consumed..];
            switch (status)
            {
                case OperationStatus.Done:
                    _done = true;
                    break;
                case OperationStatus.NeedMoreData:
                    return;
                case OperationStatus.InvalidData:
                    throw ZlibException.DataError("Decompression failed"); // Node's words; .NET does not say which Brotli error
            }
        }
    }

    protected override void Finish()
    {
        if (!_done)
        {
            throw ZlibException.UnexpectedEnd();
        }
    }

    protected override void Release() => _decoder.Dispose();
}
