namespace Loopwire.Samples.HttpHello;

/// <summary>What <see cref="HttpRequestParser.Read"/> found: more bytes needed, a whole request, or why to give up.</summary>
internal enum HttpParseResult
{
    /// <summary>Every byte given was consumed and no request is complete yet.</summary>
    NeedMore,

    /// <summary>A request's head and body were read (the body discarded); <see cref="HttpRequestParser.KeepAlive"/> says what follows.</summary>
    Request,

    /// <summary>The request line or a header is malformed: answer 400, then close.</summary>
    BadRequest,

    /// <summary>The head is over <see cref="HttpRequestParser.MaxHeadSize"/> bytes: answer 431, then close.</summary>
    HeadTooLarge,

    /// <summary>The declared body is over <see cref="HttpRequestParser.MaxBodySize"/> bytes: answer 413, then close.</summary>
    BodyTooLarge,

    /// <summary>The request uses Transfer-Encoding, which this parser does not decode: answer 501, then close.</summary>
    NotImplemented,
}
