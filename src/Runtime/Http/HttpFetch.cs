namespace Loopwire.Http;

/// <summary>Node's global <c>fetch</c>, on the loop: <c>await loop.FetchAsync(url)</c>.</summary>
public static class HttpFetch
{
    private const int MaxRedirects = 20; // fetch's limit

    // Sent unless the request's headers set them, as Node 20's fetch (undici) sends them, under Loopwire's name.
    private static readonly KeyValuePair<string, string>[] DefaultHeaders =
    [
        new("accept", "*/*"),
        new("accept-language", "*"),
        new("sec-fetch-mode", "cors"),
        new("user-agent", "loopwire"),
        new("accept-encoding", "gzip, deflate"),
    ];

    // What a redirect that turns the request into a GET drops with the body, and what one to another origin drops.
    private static readonly string[] BodyHeaders = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];
    private static readonly string[] CredentialHeaders = ["authorization", "proxy-authorization", "cookie"];

    /// <summary>
    /// Fetches <paramref name="url"/>, as Node's <c>fetch(url, init)</c>: sends the request through the agent (kept
    /// sockets, HTTP or HTTPS), follows redirects, and resolves once the response's head has arrived, with its body
    /// decoded when the server compressed it (<c>gzip</c>, <c>deflate</c>, <c>br</c>). Awaits resume on the loop.
    /// </summary>
    /// <param name="loop">The loop, on its own thread.</param>
    /// <param name="url">An absolute <c>http:</c> or <c>https:</c> URL.</param>
    /// <param name="options">The method, headers, body and redirect mode; null for a plain GET.</param>
    /// <param name="cancellationToken">Aborts the fetch (Node's <c>signal</c>): before the head, the task is cancelled; after it, reading the body is.</param>
    /// <returns>The response.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> or <paramref name="url"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The URL is not an absolute <c>http:</c> or <c>https:</c> one (Node's <c>Failed to parse URL</c>), the method is
    /// refused or not a token, or a GET or HEAD has a body.
    /// </exception>
    /// <exception cref="InvalidOperationException">Called off the loop thread.</exception>
    /// <exception cref="HttpRequestException">
    /// In the task: <c>fetch failed</c>, with the cause: the connection failed or was cut, the answer was malformed, a
    /// redirect was refused (<c>unexpected redirect</c>), or there were too many (<c>redirect count exceeded</c>).
    /// </exception>
    /// <exception cref="OperationCanceledException">In the task: <paramref name="cancellationToken"/> was cancelled before the head arrived.</exception>
    public static Task<FetchResponse> FetchAsync(this EventLoop loop, string url, FetchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(url);
        loop.VerifyLoopThread();
        options ??= new FetchOptions();
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Failed to parse URL from {url}: give an absolute http: or https: URL, such as http://127.0.0.1:8080/path.", nameof(url));
        }

        ArgumentNullException.ThrowIfNull(options.Method, "options.Method");
        string method = options.Method.ToUpperInvariant();
        if (method is "CONNECT" or "TRACE" or "TRACK")
        {
            throw new ArgumentException($"'{options.Method}' HTTP method is unsupported: fetch refuses it; use ClientRequest.", nameof(options));
        }

        if (options.Body is not null && method is "GET" or "HEAD")
        {
            throw new ArgumentException("Request with GET/HEAD method cannot have body: leave Body null, or use another method such as POST.", nameof(options));
        }

        return FetchFollowingAsync(loop, uri, method, options, cancellationToken);
    }

    private static async Task<FetchResponse> FetchFollowingAsync(EventLoop loop, Uri uri, string method, FetchOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        List<KeyValuePair<string, string>> headers = RequestHeaders(options);
        FetchBody? body = options.Body;
        for (int redirects = 0; ; redirects++)
        {
            (IncomingMessage response, CancellationTokenRegistration cancellation) = await SendAsync(loop, uri, method, headers, body, options, cancellationToken);
            if (!IsFollowed(response, options.Redirect, out string? location))
            {
                IReadableStream decoded = Decoded(loop, response, method);
                decoded.AddCloseListener(() => cancellation.Dispose());
                return new FetchResponse(response, decoded, uri.AbsoluteUri, redirected: redirects > 0);
            }

            cancellation.Dispose();
            response.Resume(); // read to its end and dropped, so the socket is kept for the next request
            if (options.Redirect == FetchRedirect.Error)
            {
                throw new HttpRequestException("fetch failed: unexpected redirect (the redirect option is Error)");
            }

            if (redirects == MaxRedirects)
            {
                throw new HttpRequestException($"fetch failed: redirect count exceeded ({MaxRedirects} redirects followed)");
            }

            Uri next = Redirected(uri, location!);
            if ((response.StatusCode is 301 or 302 && method == "POST") || (response.StatusCode == 303 && method is not ("GET" or "HEAD")))
            {
                method = "GET";
                body = null;
                headers.RemoveAll(header => BodyHeaders.Contains(header.Key, StringComparer.OrdinalIgnoreCase));
            }

            if (Uri.Compare(uri, next, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                headers.RemoveAll(header => CredentialHeaders.Contains(header.Key, StringComparer.OrdinalIgnoreCase));
            }

            uri = next;
        }
    }

    /// <summary>Sends one request and waits for its response's head; a cancellation destroys the request, or later the response.</summary>
    private static async Task<(IncomingMessage, CancellationTokenRegistration)> SendAsync(
        EventLoop loop, Uri uri, string method, List<KeyValuePair<string, string>> headers, FetchBody? body, FetchOptions options, CancellationToken cancellationToken)
    {
        ClientRequestOptions requestOptions = ClientRequestOptions.FromUri(uri) with
        {
            Method = method,
            Headers = body?.ContentType is { } type && !headers.Exists(header => header.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase))
                ? [.. headers, new("content-type", type)]
                : headers,
            Agent = options.Agent,
            Tls = uri.Scheme == Uri.UriSchemeHttps ? options.Tls : null,
        };
        var request = new ClientRequest(loop, requestOptions);
        IStream aborted = request;
        CancellationTokenRegistration cancellation = cancellationToken.Register(
            () => loop.Post(() => aborted.Destroy(new OperationCanceledException("This operation was aborted (the fetch's cancellation token).", cancellationToken))));
        request.End(body?.Bytes ?? ReadOnlyMemory<byte>.Empty);
        try
        {
            IncomingMessage response = await request.Next.Response();
            aborted = response;
            request.On.Error(static _ => { }); // from here on a failure reaches whoever reads the body, through the response
            return (response, cancellation);
        }
        catch (OperationCanceledException)
        {
            cancellation.Dispose();
            throw;
        }
        catch (Exception error)
        {
            cancellation.Dispose();
            throw new HttpRequestException($"fetch failed: {error.Message}", error);
        }
    }

    private static List<KeyValuePair<string, string>> RequestHeaders(FetchOptions options)
    {
        var headers = options.Headers is null ? new List<KeyValuePair<string, string>>() : [.. options.Headers];
        foreach (KeyValuePair<string, string> header in DefaultHeaders)
        {
            if (!headers.Exists(given => given.Key.Equals(header.Key, StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(header);
            }
        }

        return headers;
    }

    private static bool IsFollowed(IncomingMessage response, FetchRedirect mode, out string? location)
    {
        location = null;
        return mode != FetchRedirect.Manual
            && response.StatusCode is 301 or 302 or 303 or 307 or 308
            && (location = RawHeader(response, "location")) is not null;
    }

    /// <summary>
    /// A header's values joined with <c>", "</c>, as fetch's <c>headers.get</c> joins them, found in the raw list so that
    /// no header dictionary is built for it; null when absent.
    /// </summary>
    private static string? RawHeader(IncomingMessage response, string name)
    {
        IReadOnlyList<string> raw = response.RawHeaders;
        string? value = null;
        for (int i = 0; i + 1 < raw.Count; i += 2)
        {
            if (raw[i].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = value is null ? raw[i + 1] : $"{value}, {raw[i + 1]}";
            }
        }

        return value;
    }

    private static Uri Redirected(Uri from, string location)
    {
        if (!Uri.TryCreate(from, location, out Uri? next) || (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps))
        {
            throw new HttpRequestException($"fetch failed: URL scheme must be a HTTP(S) scheme (redirected to \"{location}\")");
        }

        return next;
    }

    /// <summary>The body, through a decoder per content coding, last applied first, as Node's fetch decodes it; unknown codings leave it as sent.</summary>
    private static IReadableStream Decoded(EventLoop loop, IncomingMessage response, string method)
    {
        if (method == "HEAD" || response.StatusCode is 204 or 304 || RawHeader(response, "content-encoding") is not { } codings)
        {
            return response;
        }

        var decoders = new List<IDuplexStream>();
        string[] applied = codings.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (int i = applied.Length - 1; i >= 0; i--)
        {
            switch (applied[i].ToLowerInvariant())
            {
                case "gzip" or "x-gzip":
                    decoders.Add(Zlib.CreateGunzip(loop));
                    break;
                case "deflate":
                    decoders.Add(Zlib.CreateInflate(loop));
                    break;
                case "br":
                    decoders.Add(Zlib.CreateBrotliDecompress(loop));
                    break;
                case "identity":
                    break;
                default:
                    return response;
            }
        }

        if (decoders.Count == 0)
        {
            return response;
        }

        // The pipeline destroys every stream with the first error, so a cut body or bad data fails the reader of the last.
        StreamPipeline.Run(response, decoders[..^1], decoders[^1], static _ => { });
        return decoders[^1];
    }
}
