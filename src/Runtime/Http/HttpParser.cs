namespace Loopwire.Http;

/// <summary>
/// An incremental HTTP/1.1 message parser for one connection, as Node's llhttp in its default (strict) mode: feed it
/// the bytes as they arrive and it reports, one step per <see cref="Read"/>, each message's head, its body bytes (as
/// slices of the data given, never copied) and its end, messages following each other on the connection (keep-alive,
/// pipelining). Requests or responses, as its <see cref="HttpParserKind"/> says.
/// </summary>
/// <remarks>
/// <para>
/// Heads are read a line at a time: a line found whole in the data given is parsed in place; only a line split across
/// reads is gathered, in a buffer of at most the header limit rented from <see cref="System.Buffers.ArrayPool{T}"/> and
/// returned when the head is done (or by <see cref="Release"/>). Known methods and common header names come out as
/// literals, so a typical request allocates its URL, its header values and its <see cref="RawHeaders"/> list.
/// </para>
/// <para>
/// The head properties (<see cref="Method"/> through <see cref="Chunked"/>) describe the last head reported until the
/// next <see cref="HttpParseStep.HeadComplete"/>; each message gets a new <see cref="RawHeaders"/> list.
/// </para>
/// <para>
/// Bad input, however hostile, is reported as <see cref="HttpParseStep.Error"/> with llhttp's code and reason in
/// <see cref="Error"/>, as soon as llhttp would: a bad byte is reported when it arrives, not when its line ends. The
/// parser is then dead and reports the error again for any further input.
/// </para>
/// <para>
/// Where it differs from llhttp, on purpose: only HTTP/1.0 and HTTP/1.1 (llhttp also takes 0.9, a request line with no
/// version, and 2.0, and RTSP and ICE); a status line must end in CRLF (llhttp also takes CR CR); lengths go up to
/// <see cref="long.MaxValue"/> (llhttp's to 2^64 - 1); PRI is refused at its request line, not after HTTP/2's whole
/// preface; and besides Node's count of header bytes, no head line (nor chunk size line, for Node's chunk extensions
/// limit) may reach the header limit, which is what bounds the buffer: such a line is refused when it does, where
/// llhttp, which checks the limit when it hands a name or value over, may first report a bad byte further on.
/// </para>
/// </remarks>
internal sealed partial class HttpParser
{
    /// <summary>Node's default <c>maxHeaderSize</c>: 16 KiB.</summary>
    public const int DefaultMaxHeaderSize = 16384;

    private readonly HttpParserKind _kind;
    private readonly int _maxHeaderSize;
    private State _state;
    private long _remaining;   // body bytes left: of a Content-Length body, or of the chunk being read
    private bool _sawChunkCr;  // the CR after a chunk's data has been read, its LF not yet
    private bool _keepsAlive;  // llhttp's should_keep_alive at the message's end, knowing ExpectNoBody
    private bool _closed;      // the last message did not keep the connection alive: only empty lines may follow

    /// <summary>Makes a parser for requests or responses.</summary>
    /// <param name="kind">Whether it reads requests or responses.</param>
    /// <param name="maxHeaderSize">
    /// Node's <c>maxHeaderSize</c>: the head's URL or status text, header names and values (and trailers) must add up to
    /// less than this, and no head line may be this long.
    /// </param>
    public HttpParser(HttpParserKind kind, int maxHeaderSize = DefaultMaxHeaderSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeaderSize);
        _kind = kind;
        _maxHeaderSize = maxHeaderSize;
    }

    private enum State
    {
        StartLine,
        HeaderLines,
        LengthBody,
        EofBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        MessageEnded,            // the message is done; MessageComplete is reported by the next call
        TransferEncodingRefused, // the head was reported; the next call reports llhttp's error for it
        Failed,
    }

    /// <summary>
    /// For a response parser, set before the response's head arrives when the request was HEAD: the response has no
    /// body whatever its headers say. Cleared when that message completes.
    /// </summary>
    public bool ExpectNoBody { get; set; }

    /// <summary>A request's method: a literal for llhttp's methods (<c>"GET"</c>, ...); empty for a response.</summary>
    public string Method { get; private set; } = "";

    /// <summary>A request's request-target as sent; empty for a response.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The HTTP version's major number: always 1, as only HTTP/1.0 and HTTP/1.1 are read.</summary>
    public int VersionMajor { get; private set; }

    /// <summary>The HTTP version's minor number: 0 or 1.</summary>
    public int VersionMinor { get; private set; }

    /// <summary>A response's status code, three digits; 0 for a request.</summary>
    public int StatusCode { get; private set; }

    /// <summary>A response's reason phrase, possibly empty; empty for a request.</summary>
    public string StatusMessage { get; private set; } = "";

    /// <summary>
    /// The headers as received, name, value, name, value, ...: names as sent, values without the whitespace around
    /// them. A new list for each message, which the message may keep.
    /// </summary>
    public IReadOnlyList<string> RawHeaders { get; private set; } = [];

    /// <summary>
    /// llhttp's <c>should_keep_alive</c>: HTTP/1.1 unless <c>Connection: close</c>, HTTP/1.0 only with
    /// <c>Connection: keep-alive</c>; never for a response whose body runs to EOF. As in Node, a response to HEAD
    /// (<see cref="ExpectNoBody"/>) without a length counts as one whose body runs to EOF here: llhttp reports this
    /// before it is told to skip the body.
    /// </summary>
    public bool KeepAlive { get; private set; }

    /// <summary>
    /// Whether the message asks to switch protocols, as llhttp's <c>upgrade</c>: a CONNECT request, or an
    /// <c>Upgrade</c> header with <c>Connection: upgrade</c> on a request or a 101 response. To upgrade, stop reading and
    /// take the bytes after the head (or, when the request has a body, after <see cref="HttpParseStep.MessageComplete"/>)
    /// as the new protocol's; to refuse, go on reading. A 101 response without those headers is no upgrade here, as in
    /// llhttp, though it has no body either.
    /// </summary>
    public bool Upgrade { get; private set; }

    /// <summary>The Content-Length header's value; -1 when there is none.</summary>
    public long ContentLength { get; private set; }

    /// <summary>Whether the body comes in chunks: Transfer-Encoding's last coding is <c>chunked</c>.</summary>
    public bool Chunked { get; private set; }

    /// <summary>After <see cref="HttpParseStep.Body"/>: where the body bytes start in the data given to that read.</summary>
    public int BodyStart { get; private set; }

    /// <summary>After <see cref="HttpParseStep.Body"/>: how many body bytes there are.</summary>
    public int BodyLength { get; private set; }

    /// <summary>After <see cref="HttpParseStep.MessageComplete"/>: a chunked message's trailers, as name, value, ...; empty when none.</summary>
    public IReadOnlyList<string> RawTrailers { get; private set; } = [];

    /// <summary>After <see cref="HttpParseStep.Error"/>: why; null until then.</summary>
    public HttpParseException? Error { get; private set; }

    /// <summary>
    /// Consumes bytes from the start of <paramref name="data"/> until one step happens, and returns it. Called again
    /// with what is left it goes on; a body longer than the data given comes as several <see cref="HttpParseStep.Body"/>
    /// steps across calls.
    /// </summary>
    /// <param name="data">The bytes received and not yet consumed.</param>
    /// <param name="consumed">How many bytes of <paramref name="data"/> were used; all of them for <see cref="HttpParseStep.NeedMore"/>.</param>
    /// <returns>The step.</returns>
    public HttpParseStep Read(ReadOnlySpan<byte> data, out int consumed)
    {
        int at = 0;
        while (true)
        {
            HttpParseStep step;
            switch (_state)
            {
                case State.Failed:
                    consumed = 0;
                    return HttpParseStep.Error;
                case State.MessageEnded:
                    consumed = at;
                    return EndMessage();
                case State.TransferEncodingRefused:
                    consumed = at;
                    return Fail("HPE_INVALID_TRANSFER_ENCODING", "Request has invalid `Transfer-Encoding`", at);
                case State.LengthBody or State.ChunkData or State.EofBody:
                    if (at == data.Length)
                    {
                        consumed = at;
                        return HttpParseStep.NeedMore;
                    }

                    consumed = TakeBody(data.Length, at);
                    return HttpParseStep.Body;
                case State.ChunkDataEnd:
                    step = ReadChunkDataEnd(data, ref at);
                    break;
                case State.StartLine when _lineLength == 0:
                    step = SkipToMessage(data, ref at);
                    break;
                default:
                    step = ReadLine(data, ref at);
                    break;
            }

            if (step != HttpParseStep.NeedMore || at == data.Length)
            {
                consumed = step == HttpParseStep.Error ? Math.Min(Error!.BytesParsed, data.Length) : at;
                return step;
            }
        }
    }

    /// <summary>
    /// The peer ended its side: completes a response whose body runs to EOF, reports nothing between messages, and
    /// llhttp's <c>HPE_INVALID_EOF_STATE</c> in the middle of one.
    /// </summary>
    /// <returns><see cref="HttpParseStep.MessageComplete"/>, <see cref="HttpParseStep.NeedMore"/> or <see cref="HttpParseStep.Error"/>.</returns>
    public HttpParseStep Finish() => _state switch
    {
        State.Failed => HttpParseStep.Error,
        State.EofBody or State.MessageEnded => EndMessage(),
        State.TransferEncodingRefused => Fail("HPE_INVALID_TRANSFER_ENCODING", "Request has invalid `Transfer-Encoding`", 0),
        State.StartLine when _lineLength == 0 => HttpParseStep.NeedMore,
        _ => Fail("HPE_INVALID_EOF_STATE", "Invalid EOF state", 0),
    };

    /// <summary>Returns the buffer a split line was gathered in, if one is rented; the connection calls this when it closes.</summary>
    internal void Release() => ReturnLineBuffer();

    /// <summary>Reports the body bytes the data holds for the message, up to what it still needs.</summary>
    private int TakeBody(int length, int at)
    {
        int taken = _state == State.EofBody ? length - at : (int)Math.Min(_remaining, length - at);
        BodyStart = at;
        BodyLength = taken;
        if (_state != State.EofBody)
        {
            _remaining -= taken;
            if (_remaining == 0)
            {
                _state = _state == State.ChunkData ? State.ChunkDataEnd : State.MessageEnded;
                _sawChunkCr = false;
            }
        }

        return at + taken;
    }

    /// <summary>
    /// Skips the CR and LF bytes before a message, as llhttp does, then reads its first line; after a message that closed
    /// the connection, llhttp takes nothing else.
    /// </summary>
    private HttpParseStep SkipToMessage(ReadOnlySpan<byte> data, ref int at)
    {
        int first = data[at..].IndexOfAnyExcept((byte)'\r', (byte)'\n');
        if (first < 0)
        {
            at = data.Length;
            return HttpParseStep.NeedMore;
        }

        at += first;
        return _closed ? Fail("HPE_CLOSED_CONNECTION", "Data after `Connection: close`", at) : ReadLine(data, ref at);
    }

    /// <summary>Ends the message: the next read starts the next one.</summary>
    private HttpParseStep EndMessage()
    {
        _closed = !_keepsAlive;
        ExpectNoBody = false;
        _state = State.StartLine;
        RawTrailers = _trailers ?? (IReadOnlyList<string>)[];
        _trailers = null;
        ReturnLineBuffer();
        return HttpParseStep.MessageComplete;
    }

    /// <summary>Kills the parser with llhttp's error; <paramref name="at"/> is where in the data given it was found.</summary>
    private HttpParseStep Fail(string code, string reason, int at)
    {
        Error = new HttpParseException(code, reason, Math.Max(at, 0));
        _state = State.Failed;
        ReturnLineBuffer();
        return HttpParseStep.Error;
    }
}
