using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Loopwire.Http;

/// <summary>
/// The answer <see cref="HttpFetch.FetchAsync"/> resolves to: Node's fetch <c>Response</c>. Its status and headers are
/// there at once; its body, decoded when the server compressed it, is read once, by <see cref="TextAsync"/>,
/// <see cref="BytesAsync"/>, <see cref="JsonAsync(CancellationToken)"/> or through <see cref="Body"/>.
/// </summary>
public sealed class FetchResponse
{
    private readonly IReadableStream _body;
    private IReadOnlyDictionary<string, string>? _headers;

    internal FetchResponse(IncomingMessage message, IReadableStream body, string url, bool redirected)
    {
        Message = message;
        _body = body;
        Url = url;
        Redirected = redirected;
    }

    /// <summary>The status code, as <c>response.status</c>.</summary>
    public int Status => Message.StatusCode;

    /// <summary>The reason phrase, as <c>response.statusText</c>.</summary>
    public string StatusText => Message.StatusMessage;

    /// <summary>Whether the status is 200 to 299 (<c>response.ok</c>).</summary>
    public bool Ok => Status is >= 200 and <= 299;

    /// <summary>Whether redirects were followed to get here (<c>response.redirected</c>).</summary>
    public bool Redirected { get; }

    /// <summary>The URL of the response: the last one fetched, after redirects (<c>response.url</c>).</summary>
    public string Url { get; }

    /// <summary>The HTTP response underneath: its raw headers, trailers and socket.</summary>
    public IncomingMessage Message { get; }

    /// <summary>
    /// The headers as fetch's <c>Headers</c> gives them: names in lower case, looked up in any case, in name order,
    /// and every value of a repeated header joined with <c>", "</c> (<c>set-cookie</c> too, as <c>headers.get</c> does;
    /// see <see cref="GetSetCookie"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers => _headers ??= JoinHeaders(Message.RawHeaders);

    /// <summary>Whether the body was taken, by <see cref="Body"/> or one of the reading methods (<c>response.bodyUsed</c>).</summary>
    public bool BodyUsed { get; private set; }

    /// <summary>
    /// The body as a readable stream, decoded (Node's <c>response.body</c>): read it, pipe it, or
    /// <c>await foreach</c> it. Taking it uses the body up, as reading it does in fetch.
    /// </summary>
    /// <exception cref="InvalidOperationException">The body was already taken.</exception>
    public IReadableStream Body => TakeBody();

    /// <summary>Each <c>set-cookie</c> value on its own (<c>headers.getSetCookie()</c>).</summary>
    /// <returns>The values, in the order received.</returns>
    public IReadOnlyList<string> GetSetCookie() => Message.HeadersDistinct.TryGetValue("set-cookie", out string[]? values) ? values : [];

    /// <summary>Reads the whole body (<c>response.arrayBuffer()</c>, <c>bytes()</c>).</summary>
    /// <param name="cancellationToken">Stops waiting for the rest of the body.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="InvalidOperationException">The body was already taken (Node's <c>Body is unusable</c>).</exception>
    public Task<byte[]> BytesAsync(CancellationToken cancellationToken = default)
    {
        IReadableStream body = TakeBody();
        var bytes = new ArrayBufferWriter<byte>();
        var read = new TaskCompletionSource<byte[]>();
        CancellationTokenRegistration cancellation = cancellationToken.Register(() => body.Loop.Post(
            () => body.Destroy(new OperationCanceledException("Reading the body was cancelled.", cancellationToken))));
        body.AddDataListener(chunk => bytes.Write(chunk.Span));
        StreamFinished.WhenEnded(body, error =>
        {
            cancellation.Dispose();
            _ = error switch
            {
                null => read.TrySetResult(bytes.WrittenSpan.ToArray()),
                OperationCanceledException canceled => read.TrySetCanceled(canceled.CancellationToken),
                _ => read.TrySetException(error),
            };
        });
        return read.Task;
    }

    /// <summary>Reads the whole body as UTF-8 text, a byte order mark left out (<c>response.text()</c>).</summary>
    /// <param name="cancellationToken">Stops waiting for the rest of the body.</param>
    /// <returns>The text.</returns>
    /// <exception cref="InvalidOperationException">The body was already taken (Node's <c>Body is unusable</c>).</exception>
    public async Task<string> TextAsync(CancellationToken cancellationToken = default)
    {
        byte[] bytes = await BytesAsync(cancellationToken);
        ReadOnlySpan<byte> text = bytes;
        return Encoding.UTF8.GetString(text.StartsWith(Encoding.UTF8.Preamble) ? text[Encoding.UTF8.Preamble.Length..] : text);
    }

    /// <summary>Reads the whole body as JSON (<c>response.json()</c>).</summary>
    /// <param name="cancellationToken">Stops waiting for the rest of the body.</param>
    /// <returns>The document's root, which outlives the read.</returns>
    /// <exception cref="InvalidOperationException">The body was already taken (Node's <c>Body is unusable</c>).</exception>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public async Task<JsonElement> JsonAsync(CancellationToken cancellationToken = default)
    {
        using JsonDocument document = JsonDocument.Parse(await BytesAsync(cancellationToken));
        return document.RootElement.Clone();
    }

    /// <summary>Reads the whole body as JSON into a <typeparamref name="T"/>, with source-generated (trimming-safe) metadata.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="typeInfo">The type's metadata, from a <c>JsonSerializerContext</c>.</param>
    /// <param name="cancellationToken">Stops waiting for the rest of the body.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The body was already taken (Node's <c>Body is unusable</c>).</exception>
    /// <exception cref="JsonException">The body is not JSON of that shape.</exception>
    public async Task<T?> JsonAsync<T>(JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return JsonSerializer.Deserialize(await BytesAsync(cancellationToken), typeInfo);
    }

    private IReadableStream TakeBody()
    {
        if (BodyUsed)
        {
            throw new InvalidOperationException("Body is unusable: Body has already been read. A response's body is read once; keep what the first read returned.");
        }

        BodyUsed = true;
        return _body;
    }

    private static SortedDictionary<string, string> JoinHeaders(IReadOnlyList<string> raw)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i + 1 < raw.Count; i += 2)
        {
            string name = raw[i].ToLowerInvariant();
            headers[name] = headers.TryGetValue(name, out string? earlier) ? $"{earlier}, {raw[i + 1]}" : raw[i + 1];
        }

        return headers;
    }
}
